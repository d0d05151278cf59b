/**
 * Reads a backend's local plugin file (`packages/backend/src/plugins/todo.ts`) to learn which package it
 * wraps, and whether it is a plain pass-through (`return await createRouter({ logger: env.logger, ... })`)
 * that a migrated package can replace outright.
 */
import { jscodeshiftFor, parseForReading } from '../transforms/shared/parser';
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import type { SourceParser } from './backendMounts';

type Node = namedTypes.ASTNode;

export interface LocalPluginFile {
  /** The package whose function the default export calls (`@acme/plugin-todo-backend`), when there is one. */
  calledPackage?: string;
  /** True when the default export does nothing but call that function with fields of its env. */
  passThrough: boolean;
  /** The name of the function whose call the default export returns when that is all it does (`createStatusCheckRouter`). */
  returnsCallOf?: string;
  /** Every package the file imports from (without subpaths), in source order. */
  importedPackages: string[];
  /**
   * What the file configures beyond forwarding its env: options of the returned call whose value is not an
   * env field (`providerFactories: {...}`, `badgeFactories: createDefaultBadgeFactories()`), with their text.
   */
  configuredOptions: Array<{ name: string; text: string }>;
  /**
   * The names of every option the call the default export ends by returning gets, env fields included, also
   * when other statements come first (`providerFactories` built in a loop above the `return`).
   */
  passedOptions: string[];
  /** Builder methods the default export calls (`addProcessor`, `addEntityProvider`, `addCollator`, ...), in order. */
  builderCalls: Array<{ method: string; text: string; line: number }>;
}

/** Throws the parser's error when the file does not parse. */
export function readLocalPluginFile(source: string, parser: SourceParser = 'ts'): LocalPluginFile {
  const j = jscodeshiftFor(parser);
  // Only read, never printed: the plain Babel tree is several times cheaper than recast's.
  const root = j(parseForReading(source, parser));
  const importsByLocal = new Map<string, string>();
  const importedPackages: string[] = [];
  root.find(j.ImportDeclaration).forEach((path) => {
    const from = path.node.source.value;
    if (typeof from !== 'string' || from.startsWith('.')) return;
    const pkg = packageOf(from);
    if (!importedPackages.includes(pkg)) importedPackages.push(pkg);
    for (const s of path.node.specifiers ?? []) if (s.local) importsByLocal.set(String(s.local.name), pkg);
  });

  const fn = defaultExportedFunction(j, root);
  if (!fn) return { passThrough: false, importedPackages, configuredOptions: [], passedOptions: [], builderCalls: [] };
  const call = onlyReturnedCall(fn.body);
  const returnsCallOf = call && call.callee.type === 'Identifier' ? call.callee.name : undefined;
  const calledPackage = call && call.callee.type === 'Identifier' ? importsByLocal.get(call.callee.name) : undefined;
  const configuredOptions = call ? optionsBeyondEnv(source, fn.params, call.arguments) : [];
  const passedOptions = optionNames((call ?? finalReturnedCall(fn.body))?.arguments[0]);
  const builderCalls = builderCallsIn(j, source, fn);
  if (!call || !calledPackage) {
    return {
      calledPackage: returnedCallPackage(fn.body, importsByLocal) ?? firstCalledPackage(j, fn, importsByLocal),
      passThrough: false,
      returnsCallOf,
      importedPackages,
      configuredOptions,
      passedOptions,
      builderCalls,
    };
  }
  return {
    calledPackage,
    passThrough: forwardsEnvOnly(fn.params, call.arguments),
    returnsCallOf,
    importedPackages,
    configuredOptions,
    passedOptions,
    builderCalls,
  };
}

const BUILDER_METHOD = /^(add|set|replace|use)[A-Z]/;

/** `builder.addProcessor(...)`, `indexBuilder.addCollator(...)`: configuration a native plugin gets from modules. */
function builderCallsIn(j: JSCodeshift, source: string, fn: FunctionNode): LocalPluginFile['builderCalls'] {
  const calls: LocalPluginFile['builderCalls'] = [];
  j(fn.body as never)
    .find(j.CallExpression)
    .forEach((path) => {
      const callee = path.node.callee;
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !BUILDER_METHOD.test(callee.property.name)) return;
      const { start, end } = path.node as unknown as { start: number; end: number };
      calls.push({ method: callee.property.name, text: source.slice(start, end), line: path.node.loc?.start.line ?? 0 });
    });
  return calls;
}

/** Options of the returned call that are not taken from the env (the env param, a destructured field, or `env.x`). */
function optionsBeyondEnv(source: string, params: Node[], args: Node[]): LocalPluginFile['configuredOptions'] {
  const object = args[0];
  if (!object || object.type !== 'ObjectExpression') return [];
  const param = params[0];
  const envName = param?.type === 'Identifier' ? param.name : undefined;
  const destructured = new Set<string>();
  if (param?.type === 'ObjectPattern') {
    for (const p of param.properties)
      if ((p.type === 'ObjectProperty' || p.type === 'Property') && p.value.type === 'Identifier') destructured.add(p.value.name);
  }
  const options: LocalPluginFile['configuredOptions'] = [];
  for (const prop of object.properties) {
    if (prop.type === 'SpreadElement' && prop.argument.type === 'Identifier' && prop.argument.name === envName) continue;
    if ((prop.type !== 'ObjectProperty' && prop.type !== 'Property') || prop.key.type !== 'Identifier') continue;
    const value = prop.value;
    const fromEnv =
      (value.type === 'Identifier' && destructured.has(value.name)) ||
      (value.type === 'MemberExpression' && value.object.type === 'Identifier' && value.object.name === envName && !value.computed);
    if (fromEnv) continue;
    const { start, end } = value as unknown as { start: number; end: number };
    options.push({ name: prop.key.name, text: source.slice(start, end) });
  }
  return options;
}

function optionNames(object: Node | undefined): string[] {
  if (object?.type !== 'ObjectExpression') return [];
  return object.properties.flatMap((prop) =>
    (prop.type === 'ObjectProperty' || prop.type === 'Property') && prop.key.type === 'Identifier' ? [prop.key.name] : [],
  );
}

/** `@scope/name/sub/path` -> `@scope/name`, `name/sub` -> `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

type FunctionNode = { params: Node[]; body: Node };

function defaultExportedFunction(j: JSCodeshift, root: Collection): FunctionNode | undefined {
  const exported = root.find(j.ExportDefaultDeclaration);
  if (exported.length !== 1) return undefined;
  let decl: Node = exported.get().node.declaration;
  if (decl.type === 'Identifier') {
    const name = decl.name;
    const fnDecl = root.find(j.FunctionDeclaration, { id: { name } });
    const varDecl = root.find(j.VariableDeclarator, { id: { type: 'Identifier', name } });
    if (fnDecl.length === 1) decl = fnDecl.get().node;
    else if (varDecl.length === 1 && varDecl.get().node.init) decl = varDecl.get().node.init;
    else return undefined;
  }
  if (decl.type === 'FunctionDeclaration' || decl.type === 'FunctionExpression' || decl.type === 'ArrowFunctionExpression') {
    return decl as unknown as FunctionNode;
  }
  return undefined;
}

function onlyReturnedCall(body: Node): (Node & { type: 'CallExpression'; callee: Node; arguments: Node[] }) | undefined {
  let expr: Node | null | undefined = body;
  if (body.type === 'BlockStatement') {
    if (body.body.length !== 1 || body.body[0].type !== 'ReturnStatement') return undefined;
    expr = body.body[0].argument;
  }
  if (expr?.type === 'AwaitExpression') expr = expr.argument;
  return expr?.type === 'CallExpression' ? (expr as never) : undefined;
}

/** The call the body ends by returning (`return await createRouter({...})`), after any other statements. */
function finalReturnedCall(body: Node): (Node & { type: 'CallExpression'; callee: Node; arguments: Node[] }) | undefined {
  if (body.type !== 'BlockStatement') return undefined;
  const last = body.body[body.body.length - 1];
  let expr = last?.type === 'ReturnStatement' ? (last.argument as Node | null | undefined) : undefined;
  if (expr?.type === 'AwaitExpression') expr = expr.argument as Node;
  return expr?.type === 'CallExpression' ? (expr as never) : undefined;
}

/** The package of the function whose call the body ends by returning. */
function returnedCallPackage(body: Node, importsByLocal: Map<string, string>): string | undefined {
  const call = finalReturnedCall(body);
  return call?.callee.type === 'Identifier' ? importsByLocal.get(call.callee.name) : undefined;
}

function firstCalledPackage(j: JSCodeshift, fn: FunctionNode, importsByLocal: Map<string, string>): string | undefined {
  let found: string | undefined;
  j(fn.body as never)
    .find(j.CallExpression)
    .forEach((path) => {
      const callee = path.node.callee;
      const name =
        callee.type === 'Identifier'
          ? callee.name
          : callee.type === 'MemberExpression' && callee.object.type === 'Identifier'
            ? callee.object.name
            : undefined;
      if (!found && name && importsByLocal.has(name)) found = importsByLocal.get(name);
    });
  return found;
}

/** `createRouter({ logger: env.logger, config })` with `env` the only param (or `{ logger, config }` destructured). */
function forwardsEnvOnly(params: Node[], args: Node[]): boolean {
  if (params.length !== 1 || args.length !== 1 || args[0].type !== 'ObjectExpression') return false;
  const param = params[0];
  const envName = param.type === 'Identifier' ? param.name : undefined;
  const destructured = new Set<string>();
  if (param.type === 'ObjectPattern') {
    for (const p of param.properties) {
      if ((p.type === 'ObjectProperty' || p.type === 'Property') && p.value.type === 'Identifier') destructured.add(p.value.name);
      else return false;
    }
  } else if (!envName) {
    return false;
  }
  return args[0].properties.every((prop) => {
    if (prop.type !== 'ObjectProperty' && prop.type !== 'Property') return false;
    const value = prop.value;
    if (value.type === 'Identifier') return destructured.has(value.name);
    return (
      value.type === 'MemberExpression' &&
      value.object.type === 'Identifier' &&
      value.object.name === envName &&
      value.property.type === 'Identifier' &&
      !value.computed
    );
  });
}
