/**
 * Finds where a legacy backend index mounts its plugins: `apiRouter.use('/x', await x(xEnv))`,
 * `service.addRouter('/x', await x(xEnv))`, `router.use('/x', xRouter)` ... The plugin id is the mount
 * path's last segment: real repositories mount `createEnv('kube')` at `/kubernetes` from
 * `@acme/plugin-k8s-backend`, and only the path is what clients call.
 */
import jscodeshift from 'jscodeshift';
import type { ASTPath, CallExpression, Collection, JSCodeshift } from 'jscodeshift';
// Type-only: ast-types (jscodeshift's own AST model) gives the discriminated union that `node.type` narrows.
import type { namedTypes } from 'ast-types';
import { jscodeshiftFor, parseForReading } from '../transforms/shared/parser';

type Node = namedTypes.ASTNode;

export type SourceParser = 'ts' | 'tsx' | 'babel';

export interface BackendMount {
  /** The mount path's last segment (`/api/todo` -> `todo`); the env name, then the binding, when the path is empty. */
  pluginId: string;
  /** Where `pluginId` came from: the path, or the fallbacks for `addRouter('', ...)`. */
  pluginIdFrom: 'path' | 'env' | 'binding';
  /** The mount path as written (`/catalog`, `''`). */
  mountPath: string;
  /** `use` for express routers, `addRouter` for the service builder. */
  via: 'use' | 'addRouter';
  /** The local name of the plugin factory that is called (`catalog`). */
  binding: string;
  /** The module the binding is imported from (`./plugins/catalog`), when it is imported. */
  importSource?: string;
  /** True when `importSource` is a relative path, i.e. a plugin file of the backend package itself. */
  localFile: boolean;
  /** The name given to `createEnv('...')` for the env passed to the factory. */
  envName?: string;
  /** The variable holding that env (`catalogEnv`), when it is one. */
  envVariable?: string;
  /** Source text of every argument after the env (`catalog(env, providers)` -> `['providers']`). */
  extraArgs: string[];
  /**
   * Set when the router was first stored in a variable (`const r = await x(env); apiRouter.use('/x', r)`,
   * also from `const [r, s] = await Promise.all([x(xEnv), y(yEnv)])`).
   */
  routerVariable?: string;
  /** True when the mount sits under an `if`, a ternary or a `&&` (an optional plugin behind a switch). */
  conditional: boolean;
  /** 1-based line of the `.use` / `.addRouter` call. */
  line: number;
}

/** Every plugin mount in a backend index source, in source order. Throws the parser's error when it does not parse. */
export function findBackendMounts(source: string, parser: SourceParser = 'ts'): BackendMount[] {
  const j = jscodeshiftFor(parser);
  return collectBackendMounts(j, j(parseForReading(source, parser)), source);
}

/** The same over an already parsed file, so a transform does not parse twice. */
export function collectBackendMounts(j: JSCodeshift, root: Collection, source: string): BackendMount[] {
  const mounts: BackendMount[] = [];
  root.find(j.CallExpression).forEach((path) => {
    const mount = readMount(j, root, source, path);
    if (mount) mounts.push(mount);
  });
  return mounts.sort((a, b) => a.line - b.line);
}

/** The plugin id a mount path stands for: its last non-empty segment, or undefined for `''` and `'/'`. */
export function pluginIdFromPath(mountPath: string): string | undefined {
  const segments = mountPath.split('/').filter((s) => s.length > 0);
  return segments.length > 0 ? segments[segments.length - 1] : undefined;
}

function readMount(j: JSCodeshift, root: Collection, source: string, path: ASTPath<CallExpression>): BackendMount | undefined {
  const call = path.node;
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return undefined;
  const via = callee.property.name;
  if (via !== 'use' && via !== 'addRouter') return undefined;
  if (call.arguments.length !== 2) return undefined;
  const mountPath = stringValue(call.arguments[0] as Node);
  if (mountPath === undefined) return undefined;

  let factoryCall = unwrapFactoryCall(call.arguments[1] as Node);
  let routerVariable: string | undefined;
  if (!factoryCall && call.arguments[1].type === 'Identifier') {
    routerVariable = call.arguments[1].name;
    factoryCall = unwrapFactoryCall(variableInit(j, root, routerVariable));
  }
  // `addRouter('/api', apiRouter)` and `use(metricsHandler())` are plumbing, not plugins: a plugin factory gets an env.
  if (!factoryCall || factoryCall.callee.type !== 'Identifier' || factoryCall.arguments.length === 0) return undefined;

  const binding = factoryCall.callee.name;
  const [envArg, ...rest] = factoryCall.arguments;
  const env = readEnv(j, root, envArg as Node);
  const importSource = importSourceOf(j, root, binding);
  const fromPath = pluginIdFromPath(mountPath);
  const pluginId = fromPath ?? env.envName ?? binding;
  const line = (callee.property.loc ?? call.loc)?.start.line ?? 0;

  return {
    pluginId,
    pluginIdFrom: fromPath ? 'path' : env.envName ? 'env' : 'binding',
    mountPath,
    via,
    binding,
    importSource,
    localFile: importSource !== undefined && importSource.startsWith('.'),
    envName: env.envName,
    envVariable: env.envVariable,
    extraArgs: rest.map((arg) => textOf(source, arg as Node)),
    routerVariable,
    conditional: isConditional(path),
    line,
  };
}

function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if ((node.type === 'StringLiteral' || node.type === 'Literal') && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function unwrapFactoryCall(node: Node | undefined | null): CallExpression | undefined {
  if (!node) return undefined;
  if (node.type === 'AwaitExpression' && node.argument) return unwrapFactoryCall(node.argument);
  if (node.type === 'CallExpression') return node;
  return undefined;
}

/**
 * Declarators and imports of a file, indexed once per parsed file: looking them up with `root.find` per mount
 * walks the whole tree each time, which takes seconds on a backend mounting hundreds of plugins.
 */
interface FileIndex {
  declaratorsByName: Map<string, namedTypes.VariableDeclarator[]>;
  arrayDeclarators: namedTypes.VariableDeclarator[];
  importSourceByLocal: Map<string, string>;
}

const fileIndexes = new WeakMap<Collection, FileIndex>();

function indexOf(j: JSCodeshift, root: Collection): FileIndex {
  let index = fileIndexes.get(root);
  if (index) return index;
  index = { declaratorsByName: new Map(), arrayDeclarators: [], importSourceByLocal: new Map() };
  const built = index;
  root.find(j.VariableDeclarator).forEach((path) => {
    const id = path.node.id;
    if (id.type === 'Identifier') built.declaratorsByName.set(id.name, [...(built.declaratorsByName.get(id.name) ?? []), path.node]);
    else if (id.type === 'ArrayPattern') built.arrayDeclarators.push(path.node);
  });
  root.find(j.ImportDeclaration).forEach((path) => {
    if (typeof path.node.source.value !== 'string') return;
    // The last import of a name wins, as it did when every import was scanned per lookup.
    for (const s of path.node.specifiers ?? [])
      if (s.local?.name) built.importSourceByLocal.set(String(s.local.name), path.node.source.value);
  });
  fileIndexes.set(root, index);
  return index;
}

function variableInit(j: JSCodeshift, root: Collection, name: string): Node | undefined {
  const found = indexOf(j, root).declaratorsByName.get(name) ?? [];
  if (found.length === 1) return (found[0].init as Node | null) ?? undefined;
  return promiseAllElement(j, root, name);
}

/** `const [catalogRouter, authRouter] = await Promise.all([catalog(catalogEnv), auth(authEnv)])`: the element for `name`. */
function promiseAllElement(j: JSCodeshift, root: Collection, name: string): Node | undefined {
  let element: Node | undefined;
  indexOf(j, root).arrayDeclarators.forEach((declarator) => {
    const path = { node: declarator };
    const pattern = path.node.id as namedTypes.ArrayPattern;
    const at = pattern.elements.findIndex((e) => e?.type === 'Identifier' && e.name === name);
    if (at < 0) return;
    let init = path.node.init as Node | null | undefined;
    if (init?.type === 'AwaitExpression') init = init.argument as Node;
    const isPromiseAll =
      init?.type === 'CallExpression' &&
      init.callee.type === 'MemberExpression' &&
      init.callee.object.type === 'Identifier' &&
      init.callee.object.name === 'Promise' &&
      init.callee.property.type === 'Identifier' &&
      init.callee.property.name === 'all';
    const list = isPromiseAll ? ((init as namedTypes.CallExpression).arguments[0] as Node | undefined) : undefined;
    if (list?.type === 'ArrayExpression') element = (list.elements[at] as Node | null) ?? undefined;
  });
  return element;
}

/** `xEnv` declared as `useHotMemoize(module, () => createEnv('x'))` or `createEnv('x')`, or an inline `createEnv('x')`. */
function readEnv(j: JSCodeshift, root: Collection, arg: Node): { envName?: string; envVariable?: string } {
  if (arg.type === 'Identifier') {
    return { envVariable: arg.name, envName: envNameOf(variableInit(j, root, arg.name)) };
  }
  return { envName: envNameOf(arg) };
}

function envNameOf(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'AwaitExpression') return envNameOf(node.argument);
  if (node.type === 'ArrowFunctionExpression') {
    if (node.body.type !== 'BlockStatement') return envNameOf(node.body);
    const ret = node.body.body.find((s) => s.type === 'ReturnStatement');
    return ret && ret.type === 'ReturnStatement' ? envNameOf(ret.argument) : undefined;
  }
  if (node.type !== 'CallExpression') return undefined;
  if (node.callee.type === 'Identifier' && node.callee.name === 'useHotMemoize') return envNameOf(node.arguments[1] as Node);
  if (node.callee.type === 'Identifier' && /env/i.test(node.callee.name)) return stringValue(node.arguments[0] as Node);
  return undefined;
}

function importSourceOf(j: JSCodeshift, root: Collection, local: string): string | undefined {
  return indexOf(j, root).importSourceByLocal.get(local);
}

function isConditional(path: ASTPath): boolean {
  for (let p: ASTPath | null = path.parentPath; p; p = p.parentPath) {
    const type = (p.node as Node | undefined)?.type as string | undefined;
    if (type === 'IfStatement' || type === 'ConditionalExpression' || type === 'LogicalExpression' || type === 'SwitchCase') return true;
    if (type === 'FunctionDeclaration' || type === 'FunctionExpression' || type === 'ArrowFunctionExpression' || type === 'Program')
      return false;
  }
  return false;
}

function textOf(source: string, node: Node): string {
  const { start, end } = node as { start?: number; end?: number };
  if (typeof start === 'number' && typeof end === 'number') return source.slice(start, end);
  return jscodeshift(node as never).toSource();
}
