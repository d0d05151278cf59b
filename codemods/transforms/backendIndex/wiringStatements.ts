/**
 * Reads the wiring of a legacy index, one statement at a time (step 4 of readLegacyIndex): what the new backend
 * does itself (config, logger, env construction, routers, the not-found handler) is dropped, routers and builders
 * are remembered as wiring, the links of builder and router chains are read one by one, and mounts go to the mount
 * classifier (mountItems.ts). Anything else is kept under a TODO.
 */
import type { JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import type { BodyItem, StatementContext } from './bodyItems';
import { blockedMountsWithin, blockedUnreadableMounts, mountItem, readHelperCall } from './mountItems';
import { leadingCommentsOf } from './leadingComments';
import { textOf } from '../shared/nodeText';
import { isPathArgument, readRouterMiddleware } from './routerMiddleware';
import { excerpt, keptCodeOf } from './todo';

type Node = namedTypes.ASTNode;

const DROPPED_CALLS =
  /^(await\s+)?(loadBackendConfig|getRootLogger|makeCreateEnv|useHotMemoize|createEnv|Router|express\.Router|notFoundHandler)\b/;
const ROUTER_CALL = /^(express\.)?Router\(/;
const KNOWN_BUILDER_LINKS = new Set(['loadConfig', 'start', 'catch', 'then']);

/** Step 4: one statement of the service-building code, as body items; declares routers and builders into `ctx.wiring`. */
export function readStatement(j: JSCodeshift, s: Node, ctx: StatementContext): BodyItem[] {
  return (
    readDeclaration(s, ctx) ??
    (s.type === 'ExpressionStatement' ? (readChain(s.expression as Node, s, ctx) ?? readHelperCall(s, ctx)) : undefined) ??
    (s.type === 'ReturnStatement' && s.argument ? readChain(s.argument as Node, s, ctx) : undefined) ??
    blockedMountsWithin(s, ctx) ??
    readConditionalMiddleware(j, s, ctx) ??
    blockedUnreadableMounts(j, s, ctx) ?? [unknownCode(ctx.source, s)]
  );
}

/**
 * A declaration of one variable: wiring the new backend does itself is dropped (a router is remembered as wiring
 * first), a builder or router chain is read link by link, a router declared for a mount is emitted where it is
 * mounted; undefined when the declaration is none of these.
 */
function readDeclaration(s: Node, ctx: StatementContext): BodyItem[] | undefined {
  if (s.type !== 'VariableDeclaration' || s.declarations.length !== 1) return undefined;
  const { source, mounts } = ctx;
  const d = s.declarations[0] as namedTypes.VariableDeclarator;
  const name = d.id.type === 'Identifier' ? d.id.name : undefined;
  const init = d.init as Node | null;
  if (name && init) {
    const text = textOf(source, init);
    if (ROUTER_CALL.test(text)) ctx.wiring.add(name);
    if (DROPPED_CALLS.test(text)) return [];
    const chain = readChain(init, s, ctx);
    if (chain) {
      ctx.wiring.add(name);
      return chain;
    }
    if ([...mounts.values()].some((m) => m.routerVariable === name)) return []; // emitted where it is mounted
  }
  if (d.id.type === 'ArrayPattern' && d.id.elements.length > 0) {
    const routers = new Set([...mounts.values()].map((m) => m.routerVariable));
    if (d.id.elements.every((e) => e?.type === 'Identifier' && routers.has(e.name))) return []; // `await Promise.all([...])` of mounted routers
  }
  return undefined;
}

/** `if (...) apiRouter.use(mw)`: path-less middleware on an index router, its message written once every mount is read. */
function readConditionalMiddleware(j: JSCodeshift, s: Node, ctx: Pick<StatementContext, 'source' | 'wiring'>): BodyItem[] | undefined {
  const middleware = s.type === 'IfStatement' ? readRouterMiddleware(j, s, ctx.wiring, ctx.source) : undefined;
  if (!middleware) return undefined;
  return [{ kind: 'todo', message: '', routerMiddleware: middleware, kept: keptCodeOf(ctx.source, s as never) }];
}

/** Code that is not part of the legacy wiring: kept under a TODO. */
function unknownCode(source: string, s: Node): BodyItem {
  return {
    kind: 'todo',
    // The excerpt quotes code: comment lines and blocks (`/** Init error tracking */`) above it are not code.
    message: `\`${excerpt(keptCodeOf(source, s as never).text.replace(/^\/\/.*\n\s*|^\/\*[\s\S]*?\*\/\s*/gm, ''))}\` is not part of the legacy wiring forklift knows; re-create it in the new backend (a service, module or plugin) or delete it`,
    kept: keptCodeOf(source, s as never),
  };
}

/** A chain like `createServiceBuilder(module).loadConfig(config).addRouter(...)` or `apiRouter.use(...)`; undefined when `expr` is not one. */
export function readChain(expr: Node, statement: Node, ctx: StatementContext): BodyItem[] | undefined {
  const { head, links } = unwindChain(expr);
  const isBuilder = head.type === 'CallExpression' && head.callee.type === 'Identifier' && head.callee.name === 'createServiceBuilder';
  const isWiringVar = head.type === 'Identifier' && ctx.wiring.has(head.name);
  if (!isBuilder && !isWiringVar) return undefined;
  const { source } = ctx;
  const leading = leadingCommentsOf(source, statement);
  const items: BodyItem[] = [];
  for (const link of links) {
    const callee = link.callee as namedTypes.MemberExpression;
    const mount = ctx.mounts.get((callee.property as unknown as { start: number }).start);
    if (mount) {
      const alone = links.length === 1 && statement.type === 'ExpressionStatement';
      const kept = alone ? keptCodeOf(source, statement as never) : { text: `${chainHead(head)}${linkText(source, link)}`, indent: '' };
      items.push(mountItem(mount, ctx.planOf(mount), kept, items.length === 0 ? leading : []));
      if (mount.routerVariable) ctx.wiring.add(mount.routerVariable);
      continue;
    }
    const item = readOtherLink(link, head, isWiringVar, ctx);
    if (item) items.push(item);
  }
  return items;
}

/** The calls of a chain, first to last, and what the first is called on (`await`s looked through). */
function unwindChain(expr: Node): { head: Node; links: namedTypes.CallExpression[] } {
  const links: namedTypes.CallExpression[] = [];
  let head: Node = expr;
  for (;;) {
    if (head.type === 'AwaitExpression' && head.argument) head = head.argument as Node;
    else if (head.type === 'CallExpression' && head.callee.type === 'MemberExpression') {
      links.unshift(head);
      head = head.callee.object as Node;
    } else break;
  }
  return { head, links };
}

/**
 * A link of a chain that mounts no plugin: builder plumbing and routers of the index are dropped, path-less
 * middleware on an index router is noted, anything else mounted or configured is kept under a TODO.
 */
function readOtherLink(
  link: namedTypes.CallExpression,
  head: Node,
  onWiringVar: boolean,
  ctx: Pick<StatementContext, 'source' | 'wiring'>,
): BodyItem | undefined {
  const callee = link.callee as namedTypes.MemberExpression;
  const method = callee.property.type === 'Identifier' ? callee.property.name : '';
  if (KNOWN_BUILDER_LINKS.has(method)) return undefined;
  const args = link.arguments as Node[];
  if ((method === 'use' || method === 'addRouter') && isDroppableRouterArg(args, ctx.wiring)) return undefined;
  const text = linkText(ctx.source, link);
  if (method === 'use' && onWiringVar && args.length > 0 && !isPathArgument(args[0])) {
    const use = `${chainHead(head)}${text}`.replace(/\s*\n\s*/g, ' ');
    return {
      kind: 'todo',
      message: '',
      routerMiddleware: { router: chainHead(head), uses: [use] },
      kept: { text: `${chainHead(head)}${text}`, indent: '' },
    };
  }
  const message =
    method === 'use' || method === 'addRouter'
      ? `\`${excerpt(text)}\` mounted something that is not a plugin; re-create it as a plugin or module of the new backend (coreServices.rootHttpRouter for root-level routes), or delete it`
      : `the service builder was configured with \`${excerpt(text)}\`; set the equivalent under \`backend\` in app-config (listen, cors, https, csp) instead`;
  return { kind: 'todo', message, kept: { text: `${chainHead(head)}${text}`, indent: '' } };
}

/** `.addRouter('/x', await x(env))`: one link of a call chain, as written. */
function linkText(source: string, link: namedTypes.CallExpression): string {
  const callee = link.callee as namedTypes.MemberExpression & { property: { start: number } };
  return `.${source.slice(callee.property.start, (link as unknown as { end: number }).end)}`;
}

/** What a kept link is shown on: the variable it was called on, nothing for the builder chain itself. */
function chainHead(head: Node): string {
  return head.type === 'Identifier' ? head.name : '';
}

function isDroppableRouterArg(args: Node[], wiring: ReadonlySet<string>): boolean {
  const last = args[args.length - 1];
  if (!last) return false;
  if (last.type === 'Identifier' && wiring.has(last.name)) return true;
  return last.type === 'CallExpression' && last.callee.type === 'Identifier' && last.callee.name === 'notFoundHandler';
}
