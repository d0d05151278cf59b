/**
 * Finds where a legacy backend index mounts its plugins: `apiRouter.use('/x', await x(xEnv))`,
 * `service.addRouter('/x', await x(xEnv))`, `router.use('/x', xRouter)` ... The plugin id is the mount
 * path's last segment: real repositories mount `createEnv('kube')` at `/kubernetes` from
 * `@acme/plugin-k8s-backend`, and only the path is what clients call.
 */
import type { ASTPath, CallExpression, Collection, JSCodeshift } from 'jscodeshift';
// Type-only: ast-types (jscodeshift's own AST model) gives the discriminated union that `node.type` narrows.
import type { namedTypes } from 'ast-types';
import { jscodeshiftFor, parseForReading } from '../transforms/shared/parser';
import { textOf } from '../transforms/shared/nodeText';

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
  /** Source text of the factory's first argument, the env as the index passed it (`catalogEnv`, `createEnv('x')`). */
  envArg?: string;
  /** Source text of every argument after the env (`catalog(env, providers)` -> `['providers']`). */
  extraArgs: string[];
  /**
   * Set when the router was first stored in a variable (`const r = await x(env); apiRouter.use('/x', r)`,
   * also from `const [r, s] = await Promise.all([x(xEnv), y(yEnv)])`).
   */
  routerVariable?: string;
  /** True when the mount sits under an `if`, a ternary or a `&&` (an optional plugin behind a switch). */
  conditional: boolean;
  /** 1-based line of the `.use` / `.addRouter` call (of the helper call for helper-shaped mounts). */
  line: number;
  /**
   * Where the mounting call is, so a reader of the same parse can find it: the offset of the method name for
   * `.use` / `.addRouter` (links of one chain share their start), of the call itself for a helper call.
   */
  callStart: number;
  /** Source text of the handlers mounted in front of the plugin (`use('/catalog', authMiddleware, ...)`). */
  middleware: string[];
  /** The local helper that does the mounting (`addPlugin({ plugin: 'proxy', router: proxy, ... })`). */
  helper?: string;
  /** The factory is written inline in the index (`router: env => x({ ... })`), not imported. */
  inlineFactory?: boolean;
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
    const mount = readMount(j, root, source, path) ?? readHelperMount(j, root, source, path);
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
  if (call.arguments.length < 2) return undefined;
  const mountPath = stringValue(call.arguments[0] as Node);
  if (mountPath === undefined) return undefined;

  const routerArg = call.arguments[call.arguments.length - 1] as Node;
  let factoryCall = unwrapFactoryCall(routerArg);
  let routerVariable: string | undefined;
  if (!factoryCall && routerArg.type === 'Identifier') {
    routerVariable = routerArg.name;
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
    envArg: envArg ? textOf(source, envArg as Node) : undefined,
    extraArgs: rest.map((arg) => textOf(source, arg as Node)),
    routerVariable,
    conditional: isConditional(path),
    line,
    callStart: (callee.property as { start?: number }).start ?? 0,
    middleware: call.arguments.slice(1, -1).map((arg) => textOf(source, arg as Node)),
  };
}

const HELPER_ID_KEYS = ['plugin', 'pluginId', 'id', 'name'];
const HELPER_ROUTER_KEYS = ['router', 'factory', 'createRouter', 'createPlugin'];
const HELPER_OPTIONAL_KEYS = ['isOptional', 'optional'];

/**
 * `await addPlugin({ plugin: 'proxy', apiRouter, createEnv, router: proxy })`: a local helper that receives
 * the id and the router factory and calls `.use(...)` / `.addRouter(...)` itself. The mount path is read
 * from the helper's own call (`/${plugin}`, `options?.path ?? ...`, or a `root` argument).
 */
function readHelperMount(j: JSCodeshift, root: Collection, source: string, path: ASTPath<CallExpression>): BackendMount | undefined {
  const call = path.node;
  if (call.callee.type !== 'Identifier' || call.arguments.length !== 1 || call.arguments[0].type !== 'ObjectExpression') return undefined;
  const helper = call.callee.name;
  const helperMount = helperMountCall(j, root, helper);
  if (!helperMount) return undefined;
  const props = objectProps(call.arguments[0] as namedTypes.ObjectExpression);
  const idKey = HELPER_ID_KEYS.find((k) => typeof stringValue(props.get(k)) === 'string');
  const id = idKey ? stringValue(props.get(idKey)) : undefined;
  const mountPath = helperMountPath(helperMount.call.arguments[0] as Node, props, id);
  if (mountPath === undefined) return undefined;

  // The router the helper mounts: a factory it calls with an env, or a router the caller already built.
  const routerArg = helperMount.call.arguments[helperMount.call.arguments.length - 1] as Node;
  const called = unwrapFactoryCall(routerArg);
  const routerKey =
    called && called.callee.type === 'Identifier'
      ? called.callee.name
      : routerArg.type === 'Identifier'
        ? routerArg.name
        : HELPER_ROUTER_KEYS.find((k) => props.has(k));
  const routerValue = routerKey ? props.get(routerKey) : undefined;
  if (!routerValue) return undefined;
  let binding: string;
  let env: { envName?: string; envVariable?: string } = { envName: id };
  let inlineFactory = false;
  let extraArgs: string[] = [];
  let envArg: string | undefined;
  if (called && routerValue.type === 'Identifier') {
    binding = routerValue.name;
  } else if (!called && isFactoryCallWithEnv(unwrapFactoryCall(routerValue))) {
    const factoryCall = unwrapFactoryCall(routerValue)!;
    binding = (factoryCall.callee as namedTypes.Identifier).name;
    env = readEnv(j, root, factoryCall.arguments[0] as Node);
    envArg = textOf(source, factoryCall.arguments[0] as Node);
    extraArgs = factoryCall.arguments.slice(1).map((arg) => textOf(source, arg as Node));
  } else if (routerValue.type === 'ArrowFunctionExpression' || routerValue.type === 'FunctionExpression') {
    binding = `${helper}:${id ?? mountPath}`;
    inlineFactory = true;
  } else {
    return undefined;
  }
  const importSource = inlineFactory ? undefined : importSourceOf(j, root, binding);
  const fromPath = pluginIdFromPath(mountPath);
  const optional = HELPER_OPTIONAL_KEYS.some((k) => {
    const v = props.get(k);
    return v?.type === 'BooleanLiteral' || v?.type === 'Literal' ? (v as { value: unknown }).value === true : v !== undefined;
  });
  return {
    pluginId: fromPath ?? env.envName ?? binding,
    pluginIdFrom: fromPath ? 'path' : env.envName ? 'env' : 'binding',
    mountPath,
    via: helperMount.via,
    binding,
    importSource,
    localFile: importSource !== undefined && importSource.startsWith('.'),
    envName: env.envName,
    envVariable: env.envVariable,
    envArg,
    extraArgs,
    conditional: isConditional(path) || (optional && helperMount.guarded),
    line: call.loc?.start.line ?? 0,
    callStart: (call as { start?: number }).start ?? 0,
    middleware: [],
    helper,
    ...(inlineFactory ? { inlineFactory } : {}),
  };
}

/** `x(env, ...)`: a plugin factory gets an env; `metricsHandler()` is plumbing. */
function isFactoryCallWithEnv(call: CallExpression | undefined): boolean {
  return !!call && call.callee.type === 'Identifier' && call.arguments.length > 0;
}

/** The `.use` / `.addRouter` call inside a local helper function, and whether an `if` guards it there. */
function helperMountCall(
  j: JSCodeshift,
  root: Collection,
  name: string,
): { call: namedTypes.CallExpression; via: 'use' | 'addRouter'; guarded: boolean } | undefined {
  const fn = localFunction(j, root, name);
  if (!fn) return undefined;
  let found: { call: namedTypes.CallExpression; via: 'use' | 'addRouter'; guarded: boolean } | undefined;
  j(fn as never)
    .find(j.CallExpression)
    .forEach((p) => {
      const callee = p.node.callee;
      if (found || callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
      const via = callee.property.name;
      if ((via !== 'use' && via !== 'addRouter') || p.node.arguments.length < 2) return;
      found = { call: p.node, via, guarded: isConditional(p) };
    });
  return found;
}

function localFunction(j: JSCodeshift, root: Collection, name: string): Node | undefined {
  const declared = root.find(j.FunctionDeclaration, { id: { name } });
  if (declared.length === 1) return declared.get().node as Node;
  const init = indexOf(j, root).declaratorsByName.get(name)?.[0]?.init as Node | null | undefined;
  return init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') ? init : undefined;
}

function objectProps(object: namedTypes.ObjectExpression): Map<string, Node> {
  const props = new Map<string, Node>();
  for (const prop of object.properties as Node[]) {
    if ((prop.type === 'ObjectProperty' || prop.type === 'Property') && prop.key.type === 'Identifier')
      props.set(prop.key.name, prop.value as Node);
  }
  return props;
}

/** The path a helper mounts at, from its first argument and the caller's object (`options: { path }` wins). */
function helperMountPath(pathArg: Node, props: Map<string, Node>, id: string | undefined): string | undefined {
  const options = props.get('options');
  if (options?.type === 'ObjectExpression') {
    const explicit = stringValue(objectProps(options).get('path'));
    if (explicit !== undefined) return explicit;
  }
  let arg = pathArg;
  if (arg.type === 'LogicalExpression' && arg.operator === '??') arg = arg.right as Node;
  if (arg.type === 'Identifier') return stringValue(props.get(arg.name));
  if (arg.type === 'TemplateLiteral' && arg.expressions.length === 1 && id !== undefined) {
    const [head, tail] = arg.quasis.map((q) => q.value.cooked ?? '');
    return `${head}${id}${tail}`;
  }
  return stringValue(arg);
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
