/**
 * Reads a legacy backend index into what the new one needs, as a sequence of named steps:
 * `readImports` -> `readWrapperScope` -> `listStatements` (the statements that build the service, in order)
 * -> `readStatement` for each (wiring the new backend does itself is dropped, plugin mounts are planned by
 * mountPlan, mounts that cannot be read are `blocked`, anything else is kept under a TODO) -> a second mount
 * of one plugin id is resolved (duplicateMounts.ts).
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import { collectBackendMounts, pluginEnvironmentImport, readPluginEnvironmentFields, type BackendMount } from '../../analysis';
import type { ImportFamily } from '../shared/importFamily';
import { LEGACY_ENV_FIELD_NAMES } from '../shared/legacyEnv';
import type { TransformContext } from '../types';
import { readCustomEnvFields, type CustomEnvFields } from './customEnvFields';
import { resolveDuplicateMounts } from './duplicateMounts';
import { identifierNamesInText } from './identifiers';
import { planMount, type MountPlan } from './mountPlan';
import { describeRouterMiddleware, isPathArgument, readRouterMiddleware, type RouterMiddleware } from './routerMiddleware';
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
import type { WrapperScope } from './wrapperArgs';

type Node = namedTypes.ASTNode;

export type BodyItem =
  | { kind: 'mount'; plan: MountPlan; leadingComments: string[]; kept: KeptCode }
  /** `routerMiddleware`: path-less middleware on an index router; its message is written once every mount is read. */
  | { kind: 'todo'; message: string; kept?: KeptCode; routerMiddleware?: RouterMiddleware }
  /** Code that mounts plugins forklift cannot carry: the whole run refuses the file unless `--partial`. */
  | { kind: 'blocked'; message: string; mounts: string[]; line: number; kept: KeptCode };

export interface LegacyIndex {
  items: BodyItem[];
  env: CustomEnvFields;
  /** Import declarations, in order. */
  imports: namedTypes.ImportDeclaration[];
  /** Local names of plugin factories whose mount became something else (their imports go). */
  consumedBindings: Set<string>;
  /** Imported names the old file never used: the migration did not make them unused, so they stay. */
  unusedBefore: Set<string>;
  /** The fields the repository's PluginEnvironment declares; undefined when it could not be read. */
  envFields?: string[];
}

const DROPPED_CALLS =
  /^(await\s+)?(loadBackendConfig|getRootLogger|makeCreateEnv|useHotMemoize|createEnv|Router|express\.Router|notFoundHandler)\b/;
const ROUTER_CALL = /^(express\.)?Router\(/;
const KNOWN_BUILDER_LINKS = new Set(['loadConfig', 'start', 'catch', 'then']);
const LOADED_CONFIG = /^(await\s+)?loadBackendConfig\(/;
const ENV_OF = /^(?:useHotMemoize\(\s*module\s*,\s*\(\)\s*=>\s*)?createEnv\(\s*(['"])([^'"]+)\1\s*\)/;

/** Everything a statement reader needs, passed explicitly. `wiring` grows as routers and builders are declared. */
export interface StatementContext {
  source: string;
  mounts: ReadonlyMap<number, BackendMount>;
  planOf: (mount: BackendMount) => MountPlan;
  wiring: Set<string>;
  /** Local functions that mount what they are given (`addPlugin`, `addRouter`). */
  helpers: ReadonlySet<string>;
}

/** Reads the index; undefined when the file does not build a legacy backend (no `createServiceBuilder(...)`). */
export function readLegacyIndex(
  j: JSCodeshift,
  root: Collection,
  source: string,
  path: string,
  context: TransformContext,
  family: ImportFamily,
): LegacyIndex | undefined {
  const builderCalls = builderCallOffsets(root.get().node);
  if (builderCalls.length === 0) return undefined;
  const program = root.find(j.Program).get().node as namedTypes.Program;
  const { imports, importedNames, exportedNameOf } = readImports(program);
  const mountList = collectBackendMounts(j, root, source);
  const mounts = new Map(mountList.map((m) => [m.callStart, m]));

  const makeCreateEnvFn = findMakeCreateEnv(program);
  const env = makeCreateEnvFn ? readCustomEnvFields(j, source, makeCreateEnvFn, importedNames) : { movable: [], stuck: [], unknown: [] };
  const helpers = mountHelperNames(j, program, builderCalls);
  const { statements, notices } = listStatements(program, builderCalls, makeCreateEnvFn, helpers);
  const scope = readWrapperScope(statements, importedNames, source);

  const envFields = readPluginEnvironmentFields(path, pluginEnvironmentImport(imports), context.readFile);
  const uncarriedEnvFields = uncarriedFields(env, envFields);
  const plans = new Map<BackendMount, MountPlan>();
  const planOf = (mount: BackendMount) => {
    let plan = plans.get(mount);
    if (!plan) {
      const importedName = exportedNameOf.get(mount.binding);
      plans.set(mount, (plan = planMount({ mount, indexPath: path, context, importedName, scope, family, uncarriedEnvFields })));
    }
    return plan;
  };
  const statementContext: StatementContext = { source, mounts, planOf, wiring: new Set(), helpers };
  const items: BodyItem[] = [...notices];
  for (const s of statements) items.push(...readStatement(j, s, statementContext));
  describeRouterMiddleware(items, family);

  const consumedBindings = new Set<string>();
  for (const plan of plans.values()) if (plan.kind !== 'blocked') consumedBindings.add(plan.mount.binding);
  return {
    items: resolveDuplicateMounts(items),
    env,
    imports,
    consumedBindings,
    unusedBefore: unusedImports(source, program, importedNames),
    envFields,
  };
}

/**
 * The env fields carried plugins will not get: custom fields that could not become services, and fields the
 * repository's PluginEnvironment declares that neither legacyPlugin nor a custom field provides.
 */
function uncarriedFields(env: CustomEnvFields, declared: readonly string[] | undefined): string[] {
  const provided = new Set([...LEGACY_ENV_FIELD_NAMES, ...env.movable.map((f) => f.field)]);
  return [...new Set([...env.stuck.map((f) => f.field), ...(declared ?? []).filter((f) => !provided.has(f))])];
}

/** Step 1: the import declarations, every local name they bind, and the exported name behind each local. */
export function readImports(program: namedTypes.Program): {
  imports: namedTypes.ImportDeclaration[];
  importedNames: Set<string>;
  exportedNameOf: Map<string, string>;
} {
  const imports = program.body.filter((s): s is namedTypes.ImportDeclaration => s.type === 'ImportDeclaration');
  const importedNames = new Set<string>();
  const exportedNameOf = new Map<string, string>();
  for (const decl of imports) {
    for (const s of decl.specifiers ?? []) {
      if (!s.local) continue;
      const local = String(s.local.name);
      importedNames.add(local);
      if (s.type === 'ImportDefaultSpecifier') exportedNameOf.set(local, 'default');
      else if (s.type === 'ImportSpecifier') exportedNameOf.set(local, String(s.imported.name));
    }
  }
  return { imports, importedNames, exportedNameOf };
}

/**
 * Step 2: the statements that build the service, in order: top-level ones and the bodies of the functions
 * that call `createServiceBuilder` (`main`, an exported `startBackend`). Left out: imports, makeCreateEnv,
 * the hot-reload tail, the call that starts it all, the mount helpers and the types only they use.
 */
export function listStatements(
  program: namedTypes.Program,
  builderCalls: readonly number[],
  makeCreateEnvFn: Node | undefined,
  helpers: ReadonlySet<string>,
): { statements: Node[]; notices: BodyItem[] } {
  const body = program.body as Node[];
  const starters = new Set(
    body
      .filter((s) => builderFunctionBody(builderCalls, s))
      .map((s) => functionName(s))
      .filter((n): n is string => !!n),
  );
  const helperTypes = typesOnlyUsedBy(body, helpers);
  const statements: Node[] = [];
  const notices: BodyItem[] = [];
  for (const s of body) {
    if (s.type === 'ImportDeclaration') continue;
    if (s === makeCreateEnvFn || (s.type === 'VariableDeclaration' && s.declarations[0] === makeCreateEnvFn)) continue;
    if (isHotReloadTail(s) || isStartCall(s, starters)) continue;
    const name = functionName(s);
    if (name && helpers.has(name)) continue;
    if (declaredTypeName(s) && helperTypes.has(declaredTypeName(s)!)) continue;
    const fnBody = builderFunctionBody(builderCalls, s);
    if (!fnBody) {
      statements.push(s);
      continue;
    }
    const exported = exportedName(s);
    if (exported) {
      notices.push({
        kind: 'todo',
        message: `this file exported \`${exported}()\`, which built and started the backend; the backend now starts when this file runs, so make what imported it run this file instead`,
      });
    }
    statements.push(...fnBody);
  }
  return { statements, notices };
}

/** Step 3: what a wrapper around a plugin factory may still use: imports, the loaded config, and which names the index declared. */
export function readWrapperScope(statements: readonly Node[], importedNames: ReadonlySet<string>, source: string): WrapperScope {
  const locals = new Map<string, number>();
  const envVariables = new Map<string, string>();
  let configVar: string | undefined;
  for (const s of statements) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations as namedTypes.VariableDeclarator[]) {
      if (d.id.type !== 'Identifier') continue;
      locals.set(d.id.name, d.loc?.start.line ?? 0);
      const init = d.init ? textOf(source, d.init as Node) : '';
      if (LOADED_CONFIG.test(init)) configVar = d.id.name;
      const envName = ENV_OF.exec(init)?.[2];
      if (envName !== undefined) envVariables.set(d.id.name, envName);
    }
  }
  return { imported: importedNames, configVar, locals, envVariables, hasEnvType: importedNames.has('PluginEnvironment') };
}

/** Step 4: one statement of the service-building code, as body items; declares routers and builders into `ctx.wiring`. */
export function readStatement(j: JSCodeshift, s: Node, ctx: StatementContext): BodyItem[] {
  const { source, mounts } = ctx;
  if (s.type === 'VariableDeclaration' && s.declarations.length === 1) {
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
  }
  if (s.type === 'ExpressionStatement') {
    const chain = readChain(s.expression as Node, s, ctx);
    if (chain) return chain;
    const helperMount = mountOfHelperCall(s.expression as Node, mounts);
    if (helperMount) return [mountItem(helperMount, ctx, keptCodeOf(source, s as never), leadingCommentsOf(source, s))];
    const helperCall = readUnplannedHelperCall(s, ctx);
    if (helperCall) return helperCall;
  }
  if (s.type === 'ReturnStatement' && s.argument) {
    const chain = readChain(s.argument as Node, s, ctx);
    if (chain) return chain;
  }
  const inside = [...mounts.values()].filter((m) => within(m, s));
  if (inside.length > 0) {
    const plans = inside.map(ctx.planOf);
    const blocked = plans.filter((p): p is Extract<MountPlan, { kind: 'blocked' }> => p.kind === 'blocked');
    const message = blocked[0]?.message ?? 'plugins are mounted inside code forklift does not follow; add them to the new backend by hand';
    return [blockedItem(source, s, inside.map(mountName), message, inside[0].line)];
  }
  const middleware = s.type === 'IfStatement' ? readRouterMiddleware(j, s, ctx.wiring, source) : undefined;
  if (middleware) return [{ kind: 'todo', message: '', routerMiddleware: middleware, kept: keptCodeOf(source, s as never) }];
  const unreadable = unreadableMounts(j, s, ctx, source);
  if (unreadable.length > 0) {
    return [
      blockedItem(
        source,
        s,
        // One line each: a helper call spread over lines would break the error line and the TODO comment.
        unreadable.map((text) => text.replace(/\s*\n\s*/g, ' ')),
        `it mounts plugins whose path or factory is only known at run time (\`${excerpt(unreadable[0])}\`); list each plugin with its own mount so forklift can carry it`,
      ),
    ];
  }
  return [
    {
      kind: 'todo',
      // The excerpt quotes code: comment lines and blocks (`/** Init error tracking */`) above it are not code.
      message: `\`${excerpt(keptCodeOf(source, s as never).text.replace(/^\/\/.*\n\s*|^\/\*[\s\S]*?\*\/\s*/gm, ''))}\` is not part of the legacy wiring forklift knows; re-create it in the new backend (a service, module or plugin) or delete it`,
      kept: keptCodeOf(source, s as never),
    },
  ];
}

/** A chain like `createServiceBuilder(module).loadConfig(config).addRouter(...)` or `apiRouter.use(...)`; undefined when `expr` is not one. */
export function readChain(expr: Node, statement: Node, ctx: StatementContext): BodyItem[] | undefined {
  const { source } = ctx;
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
  const isWiringVar = cur.type === 'Identifier' && ctx.wiring.has(cur.name);
  if (!isBuilder && !isWiringVar) return undefined;
  const leading = leadingCommentsOf(source, statement);
  const items: BodyItem[] = [];
  for (const link of links) {
    const callee = link.callee as namedTypes.MemberExpression;
    const method = callee.property.type === 'Identifier' ? callee.property.name : '';
    const mount = ctx.mounts.get((callee.property as unknown as { start: number }).start);
    if (mount) {
      const alone = links.length === 1 && statement.type === 'ExpressionStatement';
      const kept = alone ? keptCodeOf(source, statement as never) : { text: `${chainHead(cur)}${linkText(source, link)}`, indent: '' };
      items.push(mountItem(mount, ctx, kept, items.length === 0 ? leading : []));
      if (mount.routerVariable) ctx.wiring.add(mount.routerVariable);
      continue;
    }
    if (KNOWN_BUILDER_LINKS.has(method)) continue;
    const args = link.arguments as Node[];
    if ((method === 'use' || method === 'addRouter') && isDroppableRouterArg(args, ctx.wiring)) continue;
    const text = linkText(source, link);
    if (method === 'use' && isWiringVar && args.length > 0 && !isPathArgument(args[0])) {
      const use = `${chainHead(cur)}${text}`.replace(/\s*\n\s*/g, ' ');
      items.push({
        kind: 'todo',
        message: '',
        routerMiddleware: { router: chainHead(cur), uses: [use] },
        kept: { text: `${chainHead(cur)}${text}`, indent: '' },
      });
      continue;
    }
    const message =
      method === 'use' || method === 'addRouter'
        ? `\`${excerpt(text)}\` mounted something that is not a plugin; re-create it as a plugin or module of the new backend (coreServices.rootHttpRouter for root-level routes), or delete it`
        : `the service builder was configured with \`${excerpt(text)}\`; set the equivalent under \`backend\` in app-config (listen, cors, https, csp) instead`;
    items.push({ kind: 'todo', message, kept: { text: `${chainHead(cur)}${text}`, indent: '' } });
  }
  return items;
}

function mountItem(mount: BackendMount, ctx: StatementContext, kept: KeptCode, leading: string[]): BodyItem {
  const plan = ctx.planOf(mount);
  if (plan.kind === 'blocked') return { kind: 'blocked', message: plan.message, mounts: [mountName(mount)], line: mount.line, kept };
  return { kind: 'mount', plan, leadingComments: leading, kept };
}

function blockedItem(source: string, s: Node, mounts: string[], message: string, at?: number): BodyItem {
  const line = at ?? (s as { loc?: namedTypes.SourceLocation | null }).loc?.start.line ?? 0;
  return { kind: 'blocked', message, mounts, line, kept: keptCodeOf(source, s as never) };
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
 * Local functions that mount what they are given: not the functions that build the service, but ones whose
 * body calls `.use(path, router)` / `.addRouter(path, router)` (`addPlugin`, `addRouter` helpers).
 */
export function mountHelperNames(j: JSCodeshift, program: namedTypes.Program, builderCalls: readonly number[]): Set<string> {
  const names = new Set<string>();
  for (const s of program.body as Node[]) {
    const name = functionName(s);
    if (!name || builderFunctionBody(builderCalls, s)) continue;
    const mounts = j(s as never)
      .find(j.CallExpression)
      .filter((p) => {
        const callee = p.node.callee;
        return (
          callee.type === 'MemberExpression' &&
          callee.property.type === 'Identifier' &&
          (callee.property.name === 'use' || callee.property.name === 'addRouter') &&
          p.node.arguments.length >= 2
        );
      });
    const isFunction = /Function|Arrow/.test(JSON.stringify(s, ['type', 'declarations', 'init', 'declaration']));
    if (mounts.length > 0 && isFunction) names.add(name);
  }
  return names;
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
  let built = router?.type === 'AwaitExpression' ? (router.argument as Node) : router;
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
  built = undefined;
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

/** Imported names the file's code (outside its imports) never mentions. */
function unusedImports(source: string, program: namedTypes.Program, importedNames: ReadonlySet<string>): Set<string> {
  let code = '';
  let at = 0;
  for (const s of program.body) {
    if (s.type !== 'ImportDeclaration') continue;
    const { start, end } = s as unknown as { start: number; end: number };
    code += source.slice(at, start);
    at = end;
  }
  code += source.slice(at);
  const mentioned = new Set(identifierNamesInText(code));
  return new Set([...importedNames].filter((n) => !mentioned.has(n)));
}

/** Top-level type declarations mentioned only by the helpers (and each other): they go with the helpers. */
function typesOnlyUsedBy(body: readonly Node[], helpers: ReadonlySet<string>): Set<string> {
  if ([...helpers].every((h) => h === '')) return new Set();
  const typeNames = new Set(body.map(declaredTypeName).filter((n): n is string => !!n));
  const mentionedElsewhere = new Set<string>();
  for (const s of body) {
    const name = functionName(s);
    if (declaredTypeName(s) || (name && helpers.has(name)) || s.type === 'ImportDeclaration') continue;
    for (const id of identifierNamesInText(
      JSON.stringify(s, [
        'type',
        'name',
        'body',
        'declarations',
        'init',
        'id',
        'typeAnnotation',
        'typeName',
        'params',
        'returnType',
        'expression',
        'arguments',
        'callee',
        'declaration',
        'typeParameters',
      ]),
    )) {
      if (typeNames.has(id)) mentionedElsewhere.add(id);
    }
  }
  return new Set([...typeNames].filter((n) => !mentionedElsewhere.has(n)));
}

function declaredTypeName(s: Node): string | undefined {
  const d = s.type === 'ExportNamedDeclaration' && s.declaration ? (s.declaration as Node) : s;
  if (d.type === 'TSTypeAliasDeclaration' || d.type === 'TSInterfaceDeclaration') return (d.id as { name?: string }).name;
  return undefined;
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

function within(m: BackendMount, s: Node): boolean {
  const n = s as { start?: number; end?: number };
  return n.start !== undefined && n.end !== undefined && m.callStart >= n.start && m.callStart < n.end;
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
