/**
 * Walks a legacy backend index statement by statement and sorts each into: wiring the new backend does
 * itself (dropped), a plugin mount (planned by mountPlan), or something not understood (kept under a TODO).
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import { collectBackendMounts, type BackendMount } from '../../analysis';
import type { TransformContext } from '../types';
import { readCustomEnvFields, type CustomEnvFields } from './customEnvFields';
import { planMount, type MountPlan } from './mountPlan';
import {
  builderCallOffsets,
  builderFunctionBody,
  exportedName,
  findMakeCreateEnv,
  functionName,
  isHotReloadTail,
  isStartCall,
} from './legacyShapes';
import { commentsOf, excerpt, keptCodeOf, type KeptCode } from './todo';

type Node = namedTypes.ASTNode;

export type BodyItem =
  { kind: 'mount'; plan: MountPlan; leadingComments: string[]; kept: KeptCode } | { kind: 'todo'; message: string; kept?: KeptCode };

export interface LegacyIndex {
  items: BodyItem[];
  env: CustomEnvFields;
  /** Import declarations, in order. */
  imports: namedTypes.ImportDeclaration[];
  /** Local names of plugin factories whose mount became something else (their imports go). */
  consumedBindings: Set<string>;
}

const DROPPED_CALLS =
  /^(await\s+)?(loadBackendConfig|getRootLogger|makeCreateEnv|useHotMemoize|createEnv|Router|express\.Router|notFoundHandler)\b/;
const ROUTER_CALL = /^(express\.)?Router\(/;
const KNOWN_BUILDER_LINKS = new Set(['loadConfig', 'start', 'catch', 'then']);

/** Reads the index; undefined when the file does not build a legacy backend (no `createServiceBuilder(...)`). */
export function readLegacyIndex(
  j: JSCodeshift,
  root: Collection,
  source: string,
  path: string,
  context: TransformContext,
): LegacyIndex | undefined {
  const builderCalls = builderCallOffsets(root.get().node);
  if (builderCalls.length === 0) return undefined;
  const program = root.find(j.Program).get().node as namedTypes.Program;
  const imports = program.body.filter((s): s is namedTypes.ImportDeclaration => s.type === 'ImportDeclaration');
  const importedNames = new Set<string>();
  const defaultImported = new Set<string>();
  for (const decl of imports) {
    for (const s of decl.specifiers ?? []) {
      if (!s.local) continue;
      importedNames.add(String(s.local.name));
      if (s.type === 'ImportDefaultSpecifier') defaultImported.add(String(s.local.name));
    }
  }

  const mounts = new Map<string, BackendMount>();
  for (const m of collectBackendMounts(j, root, source)) mounts.set(`${m.line}:${m.mountPath}`, m);
  const plans = new Map<BackendMount, MountPlan>();
  const planOf = (m: BackendMount) => {
    let plan = plans.get(m);
    if (!plan) plans.set(m, (plan = planMount(m, path, context, defaultImported.has(m.binding))));
    return plan;
  };

  const makeCreateEnvFn = findMakeCreateEnv(program);
  const env = makeCreateEnvFn ? readCustomEnvFields(j, source, makeCreateEnvFn, importedNames) : { movable: [], stuck: [], unknown: [] };

  // Routers and the service builder: calls on them are read link by link. Other old wiring (config, envs) just goes.
  const wiring = new Set<string>();
  const items: BodyItem[] = [];
  const todo = (message: string, node: Node) => items.push({ kind: 'todo', message, kept: keptCodeOf(source, node as never) });

  const mountAt = (call: namedTypes.CallExpression): BackendMount | undefined => {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression') return undefined;
    const line = (callee.property.loc ?? call.loc)?.start.line ?? 0;
    const first = call.arguments[0] as Node | undefined;
    const mountPath =
      first && (first.type === 'StringLiteral' || first.type === 'Literal') && typeof first.value === 'string'
        ? first.value
        : first?.type === 'TemplateLiteral'
          ? first.quasis[0]?.value.cooked
          : undefined;
    return mountPath === undefined ? undefined : mounts.get(`${line}:${mountPath}`);
  };

  /** A chain like `createServiceBuilder(module).loadConfig(config).addRouter(...)` or `apiRouter.use(...)`. */
  const readChain = (expr: Node, statement: Node): boolean => {
    const links: namedTypes.CallExpression[] = [];
    let cur: Node = expr;
    for (;;) {
      if (cur.type === 'AwaitExpression' && cur.argument) cur = cur.argument as Node;
      else if (cur.type === 'CallExpression' && cur.callee.type === 'MemberExpression') {
        links.unshift(cur);
        cur = cur.callee.object as Node;
      } else break;
    }
    const isBuilder = cur.type === 'CallExpression' && cur.callee.type === 'Identifier' && cur.callee.name === 'createServiceBuilder';
    const isWiringVar = cur.type === 'Identifier' && wiring.has(cur.name);
    if (!isBuilder && !isWiringVar) return false;
    const leading = leadingCommentsOf(source, statement);
    const before = items.length;
    for (const link of links) {
      const callee = link.callee as namedTypes.MemberExpression;
      const method = callee.property.type === 'Identifier' ? callee.property.name : '';
      const mount = mountAt(link);
      if (mount) {
        const alone = links.length === 1 && statement.type === 'ExpressionStatement';
        const kept = alone ? keptCodeOf(source, statement as never) : { text: `${chainHead(cur)}${linkText(source, link)}`, indent: '' };
        items.push({ kind: 'mount', plan: planOf(mount), leadingComments: items.length === before ? leading : [], kept });
        if (mount.routerVariable) wiring.add(mount.routerVariable);
        continue;
      }
      if (KNOWN_BUILDER_LINKS.has(method)) continue;
      const args = link.arguments as Node[];
      if ((method === 'use' || method === 'addRouter') && isDroppableRouterArg(args, wiring)) continue;
      const text = linkText(source, link);
      const message =
        method === 'use' || method === 'addRouter'
          ? `\`${excerpt(text)}\` mounted something that is not a plugin; re-create it as a plugin or module of the new backend (coreServices.rootHttpRouter for root-level routes), or delete it`
          : `the service builder was configured with \`${excerpt(text)}\`; set the equivalent under \`backend\` in app-config (listen, cors, https, csp) instead`;
      items.push({ kind: 'todo', message, kept: { text: `${chainHead(cur)}${text}`, indent: '' } });
    }
    return true;
  };

  const readStatement = (s: Node) => {
    if (s.type === 'VariableDeclaration' && s.declarations.length === 1) {
      const d = s.declarations[0] as namedTypes.VariableDeclarator;
      const name = d.id.type === 'Identifier' ? d.id.name : undefined;
      const init = d.init as Node | null;
      if (name && init) {
        const text = textOf(source, init);
        if (ROUTER_CALL.test(text)) wiring.add(name);
        if (DROPPED_CALLS.test(text)) return;
        if (readChain(init, s)) {
          wiring.add(name);
          return;
        }
        if ([...mounts.values()].some((m) => m.routerVariable === name)) return; // emitted where it is mounted
      }
      if (d.id.type === 'ArrayPattern' && d.id.elements.length > 0) {
        const routers = new Set([...mounts.values()].map((m) => m.routerVariable));
        if (d.id.elements.every((e) => e?.type === 'Identifier' && routers.has(e.name))) return; // `await Promise.all([...])` of mounted routers
      }
    }
    if (s.type === 'ExpressionStatement' && readChain(s.expression as Node, s)) return;
    if (s.type === 'ReturnStatement' && s.argument && readChain(s.argument as Node, s)) return;
    const guarded = s.type === 'IfStatement' ? [...mounts.values()].filter((m) => within(m, s)).map(planOf) : [];
    if (guarded.length > 0) {
      const message =
        guarded.map((p) => (p.kind === 'todo' ? p.message : '')).find((m) => m) ??
        'plugins are mounted behind a condition; add them from a createBackendFeatureLoader that reads coreServices.rootConfig';
      todo(message, s);
      return;
    }
    todo(
      `\`${excerpt(keptCodeOf(source, s as never).text.replace(/^\/\/.*\n\s*/gm, ''))}\` is not part of the legacy wiring forklift knows; re-create it in the new backend (a service, module or plugin) or delete it`,
      s,
    );
  };

  // The functions that build the service (`main`, an exported `startBackend`): calls to them go with them.
  const starters = new Set(
    (program.body as Node[])
      .filter((s) => builderFunctionBody(builderCalls, s))
      .map((s) => functionName(s))
      .filter((n): n is string => !!n),
  );
  for (const s of program.body as Node[]) {
    if (s.type === 'ImportDeclaration') continue;
    if (s === makeCreateEnvFn || (s.type === 'VariableDeclaration' && s.declarations[0] === makeCreateEnvFn)) continue;
    if (isHotReloadTail(s) || isStartCall(s, starters)) continue;
    const fnBody = builderFunctionBody(builderCalls, s);
    if (fnBody) {
      const exported = exportedName(s);
      if (exported) {
        items.push({
          kind: 'todo',
          message: `this file exported \`${exported}()\`, which built and started the backend; the backend now starts when this file runs, so make what imported it run this file instead`,
        });
      }
      for (const inner of fnBody) readStatement(inner);
      continue;
    }
    readStatement(s);
  }

  const consumedBindings = new Set<string>();
  for (const plan of plans.values()) if (plan.kind !== 'todo') consumedBindings.add(plan.mount.binding);
  return { items, env, imports, consumedBindings };
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

function isDroppableRouterArg(args: Node[], wiring: Set<string>): boolean {
  const last = args[args.length - 1];
  if (!last) return false;
  if (last.type === 'Identifier' && wiring.has(last.name)) return true;
  return last.type === 'CallExpression' && last.callee.type === 'Identifier' && last.callee.name === 'notFoundHandler';
}

function within(m: BackendMount, s: Node): boolean {
  const loc = (s as { loc?: namedTypes.SourceLocation | null }).loc;
  return !!loc && m.line >= loc.start.line && m.line <= loc.end.line;
}

/** The text of the comments on the lines above a statement. */
function leadingCommentsOf(source: string, node: Node): string[] {
  const comments = commentsOf(node).filter((c) => c.leading);
  return comments.map((c) => source.slice(c.start, c.end));
}

function textOf(source: string, node: Node): string {
  const { start, end } = node as unknown as { start: number; end: number };
  return source.slice(start, end);
}
