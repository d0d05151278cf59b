/**
 * Classifies the plugin mounts of a legacy index into body items: a mount forklift can plan becomes a `mount`;
 * one it cannot read (inside code it does not follow, under a path or factory known only at run time, through a
 * helper call whose plugin it cannot name) is `blocked`; a helper call that mounts no plugin is kept under a TODO.
 */
import type { JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import type { BackendMount } from '../../analysis';
import type { BodyItem, StatementContext } from './bodyItems';
import type { MountPlan } from './mountPlan';
import { leadingCommentsOf } from './leadingComments';
import { textOf } from '../shared/nodeText';
import { excerpt, keptCodeOf, type KeptCode } from './todo';

type Node = namedTypes.ASTNode;

/** A mount read where it is written: planned, or blocked with the plan's reason. */
export function mountItem(mount: BackendMount, plan: MountPlan, kept: KeptCode, leading: string[]): BodyItem {
  if (plan.kind === 'blocked') return { kind: 'blocked', message: plan.message, mounts: [mountName(mount)], line: mount.line, kept };
  return { kind: 'mount', plan, leadingComments: leading, kept };
}

function blockedItem(source: string, s: Node, mounts: string[], message: string, at?: number): BodyItem {
  const line = at ?? (s as { loc?: namedTypes.SourceLocation | null }).loc?.start.line ?? 0;
  return { kind: 'blocked', message, mounts, line, kept: keptCodeOf(source, s as never) };
}

/**
 * A statement that has mounts inside it (a loop, a condition, a function forklift does not follow): blocked as a
 * whole, with the first blocked plan's reason when there is one; undefined when no mount is inside it.
 */
export function blockedMountsWithin(s: Node, ctx: Pick<StatementContext, 'source' | 'mounts' | 'planOf'>): BodyItem[] | undefined {
  const inside = [...ctx.mounts.values()].filter((m) => within(m, s));
  if (inside.length === 0) return undefined;
  const plans = inside.map(ctx.planOf);
  const blocked = plans.filter((p): p is Extract<MountPlan, { kind: 'blocked' }> => p.kind === 'blocked');
  const message = blocked[0]?.message ?? 'plugins are mounted inside code forklift does not follow; add them to the new backend by hand';
  return [blockedItem(ctx.source, s, inside.map(mountName), message, inside[0].line)];
}

/** A statement that mounts plugins under a path or factory only known at run time: blocked; undefined when it does not. */
export function blockedUnreadableMounts(
  j: JSCodeshift,
  s: Node,
  ctx: Pick<StatementContext, 'source' | 'wiring' | 'helpers'>,
): BodyItem[] | undefined {
  const unreadable = unreadableMounts(j, s, ctx, ctx.source);
  if (unreadable.length === 0) return undefined;
  return [
    blockedItem(
      ctx.source,
      s,
      // One line each: a helper call spread over lines would break the error line and the TODO comment.
      unreadable.map((text) => text.replace(/\s*\n\s*/g, ' ')),
      `it mounts plugins whose path or factory is only known at run time (\`${excerpt(unreadable[0])}\`); list each plugin with its own mount so forklift can carry it`,
    ),
  ];
}

/**
 * A call of a mount helper (`await addPlugin({ ... })`): the mount it is when analysis read one, otherwise what
 * readUnplannedHelperCall makes of it; undefined when the statement calls no helper.
 */
export function readHelperCall(s: namedTypes.ExpressionStatement, ctx: StatementContext): BodyItem[] | undefined {
  const helperMount = mountOfHelperCall(s.expression as Node, ctx.mounts);
  if (helperMount) {
    const kept = keptCodeOf(ctx.source, s as never);
    return [mountItem(helperMount, ctx.planOf(helperMount), kept, leadingCommentsOf(ctx.source, s))];
  }
  return readUnplannedHelperCall(s, ctx);
}

/** How a mount is named in messages: its URL as the legacy backend served it. */
export function mountName(mount: BackendMount): string {
  const path = mount.mountPath.replace(/\/+$/, '');
  return mount.via === 'addRouter' ? path || `'' (${mount.pluginId})` : `/api${path}`;
}

/** `await addPlugin({ ... })`: the helper-shaped mount this statement is, if any. */
function mountOfHelperCall(expr: Node, mounts: ReadonlyMap<number, BackendMount>): BackendMount | undefined {
  const call = expr.type === 'AwaitExpression' ? (expr.argument as Node) : expr;
  const mount = mounts.get((call as unknown as { start: number }).start);
  return mount?.helper ? mount : undefined;
}

/**
 * Calls in `s` that mount a router built by a factory (`x.use(path, await f(env))`) whose path is not a literal,
 * on a router of the index: plugins mounted in a loop or under a computed path. Returned as written.
 */
export function unreadableMounts(j: JSCodeshift, s: Node, ctx: Pick<StatementContext, 'wiring' | 'helpers'>, source: string): string[] {
  const { wiring, helpers } = ctx;
  const found: string[] = [];
  j(s as never)
    .find(j.CallExpression)
    .forEach((p) => {
      const callee = p.node.callee;
      if (callee.type === 'Identifier' && helpers.has(callee.name)) {
        found.push(textOf(source, p.node as Node));
        return;
      }
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
      if (callee.property.name !== 'use' && callee.property.name !== 'addRouter') return;
      if (callee.object.type !== 'Identifier' || !wiring.has(callee.object.name)) return;
      const args = p.node.arguments as Node[];
      if (args.length < 2) return;
      let last = args[args.length - 1];
      if (last.type === 'AwaitExpression') last = last.argument as Node;
      if (last.type !== 'CallExpression' || last.arguments.length === 0) return;
      found.push(textOf(source, p.node as Node));
    });
  return found;
}

/**
 * A helper call whose mount could not be read: the index's own router passed on (`root: '/api', router: apiRouter`)
 * is plumbing; a router built without an env (`router: metricsHandler()`) is a root route, kept under a TODO;
 * anything else mounts a plugin forklift cannot name, so it blocks.
 */
function readUnplannedHelperCall(s: Node, ctx: StatementContext): BodyItem[] | undefined {
  let call = (s as namedTypes.ExpressionStatement).expression as Node;
  if (call.type === 'AwaitExpression') call = call.argument as Node;
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || !ctx.helpers.has(call.callee.name)) return undefined;
  const kept = keptCodeOf(ctx.source, s as never);
  const arg = call.arguments[0] as Node | undefined;
  const props = new Map<string, Node>();
  if (arg?.type === 'ObjectExpression') {
    for (const p of arg.properties as Node[]) {
      if ((p.type === 'ObjectProperty' || p.type === 'Property') && p.key.type === 'Identifier') props.set(p.key.name, p.value as Node);
      if (p.type === 'ObjectProperty' && p.shorthand && p.key.type === 'Identifier') props.set(p.key.name, p.key as Node);
    }
  }
  const router = ['router', 'factory', 'createRouter', 'createPlugin'].map((k) => props.get(k)).find(Boolean);
  const built = router?.type === 'AwaitExpression' ? (router.argument as Node) : router;
  if (built?.type === 'Identifier' && ctx.wiring.has(built.name)) return [];
  if (built?.type === 'CallExpression' && built.arguments.length === 0) {
    return [
      {
        kind: 'todo',
        message: `\`${excerpt(kept.text)}\` mounted something that is not a plugin; re-create it as a plugin or module of the new backend (coreServices.rootHttpRouter for root-level routes), or delete it`,
        kept,
      },
    ];
  }
  const line = (s as { loc?: namedTypes.SourceLocation | null }).loc?.start.line ?? 0;
  return [
    {
      kind: 'blocked',
      message: `\`${call.callee.name}(...)\` mounts a plugin whose id or router forklift cannot read; list it with a literal id and an imported plugin file`,
      mounts: [`\`${excerpt(kept.text)}\``],
      line,
      kept,
    },
  ];
}

function within(m: BackendMount, s: Node): boolean {
  const n = s as { start?: number; end?: number };
  return n.start !== undefined && n.end !== undefined && m.callStart >= n.start && m.callStart < n.end;
}
