/**
 * What a backend's plugin file (the file `legacyPlugin` loads) does beyond calling a package's `createRouter`
 * with fields of its environment, in the terms `forklift plan` shows and `forklift adopt` refuses on: extra
 * arguments, custom environment fields, environment fields passed under another name, and any other code
 * (side effects). Options configured with values of their own and builder calls are nativeLoss's
 * (whatNativeWouldLose, shared with migrate's native swap); this file adds what that one does not cover.
 */
import type { namedTypes } from 'ast-types';
import { parseForReading, parserForPath } from '../transforms/shared/parser';
import { packageOf } from './localPluginFile';
import { textOf } from '../transforms/shared/nodeText';

type Node = namedTypes.ASTNode;

/** The fields of the standard legacy plugin environment: the ones a native plugin gets as core services. */
const STANDARD_PLUGIN_ENV_FIELDS: ReadonlySet<string> = new Set([
  'logger',
  'cache',
  'database',
  'config',
  'reader',
  'discovery',
  'tokenManager',
  'permissions',
  'scheduler',
  'identity',
]);

export type BridgeFindingKind = 'extra-arguments' | 'custom-env-fields' | 'options' | 'side-effects';

export interface BridgeFinding {
  kind: BridgeFindingKind;
  message: string;
}

export interface BridgeFile {
  /** The package whose function the default export calls (`@internal/plugin-todo-backend`). */
  calledPackage?: string;
  /** Environment fields the file reads, in order of first use. */
  envFields: string[];
  /** Empty when the file only returns `createRouter({ field: env.field, ... })`. */
  findings: BridgeFinding[];
}

const TYPE_ONLY = new Set(['TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'TSDeclareFunction', 'EmptyStatement']);

function excerpt(source: string, node: Node, max = 60): string {
  const flat = textOf(source, node).replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3)}...`;
}

type FunctionNode = Node & { params: Node[]; body: Node };

function isFunction(node: Node | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

/** `const createPlugin = async (env) => ...`: one declarator holding a function. */
function isFunctionDeclarator(statement: namedTypes.VariableDeclaration): boolean {
  const declarator = statement.declarations[0] as namedTypes.VariableDeclarator | undefined;
  return statement.declarations.length === 1 && declarator?.id.type === 'Identifier' && isFunction(declarator.init as Node);
}

/** Every node below `node`, depth first (Babel's tree, keys that hold nodes only). */
function* walk(node: unknown): Generator<Node> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item);
    return;
  }
  const n = node as Record<string, unknown>;
  if (typeof n.type === 'string') yield n as unknown as Node;
  for (const key of Object.keys(n)) {
    if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'tokens') continue;
    const value = n[key];
    if (value && typeof value === 'object') yield* walk(value);
  }
}

/** Throws the parser's error when the file does not parse. */
export function readBridgeFile(path: string, source: string): BridgeFile {
  const program = parseForReading(source, parserForPath(path) ?? 'ts').program as namedTypes.Program;
  const findings: BridgeFinding[] = [];
  const importsByLocal = new Map<string, string>();
  let fn: FunctionNode | undefined;
  const functionsByName = new Map<string, FunctionNode>();
  const others: Node[] = [];

  for (const statement of program.body as Node[]) {
    if (statement.type === 'ImportDeclaration') {
      const from = String(statement.source.value);
      for (const s of statement.specifiers ?? []) if (s.local) importsByLocal.set(String(s.local.name), from);
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration as Node;
      if (isFunction(declaration)) fn = declaration;
      else if (declaration.type === 'Identifier') fn = functionsByName.get(declaration.name);
      else others.push(statement);
    } else if (statement.type === 'FunctionDeclaration' && statement.id) {
      functionsByName.set(String(statement.id.name), statement as FunctionNode);
    } else if (statement.type === 'VariableDeclaration' && isFunctionDeclarator(statement)) {
      const declarator = statement.declarations[0] as namedTypes.VariableDeclarator;
      functionsByName.set(String((declarator.id as namedTypes.Identifier).name), declarator.init as unknown as FunctionNode);
    } else if (TYPE_ONLY.has(statement.type) || (statement.type === 'ExportNamedDeclaration' && statement.exportKind === 'type')) {
      // Types vanish at run time.
    } else {
      others.push(statement);
    }
  }
  for (const other of others) {
    findings.push({ kind: 'side-effects', message: `the file runs \`${excerpt(source, other)}\` besides its default export` });
  }
  if (!fn) {
    findings.push({ kind: 'side-effects', message: 'the file has no default export function forklift can read' });
    return { findings, envFields: [] };
  }

  // The environment: one parameter, named (`env`) or destructured (`{ logger, config }`).
  const [param, ...extraParams] = fn.params;
  if (extraParams.length > 0) {
    findings.push({
      kind: 'extra-arguments',
      message: `createPlugin takes ${fn.params.length} parameters (${fn.params.map((p) => excerpt(source, p, 30)).join(', ')}); a native plugin gets none of them`,
    });
  }
  const envName = param?.type === 'Identifier' ? param.name : undefined;
  const destructured = new Map<string, string>();
  if (param?.type === 'ObjectPattern') {
    for (const p of param.properties) {
      if ((p.type === 'ObjectProperty' || p.type === 'Property') && p.key.type === 'Identifier' && p.value.type === 'Identifier') {
        destructured.set(p.value.name, p.key.name);
      } else {
        findings.push({
          kind: 'options',
          message: `the environment is destructured as \`${excerpt(source, p, 40)}\`, which forklift cannot follow`,
        });
      }
    }
  }

  const envFields: string[] = [...destructured.values()];
  for (const node of walk(fn.body)) {
    if (
      envName &&
      node.type === 'MemberExpression' &&
      node.object.type === 'Identifier' &&
      node.object.name === envName &&
      node.property.type === 'Identifier' &&
      !node.computed &&
      !envFields.includes(node.property.name)
    ) {
      envFields.push(node.property.name);
    }
  }
  const custom = envFields.filter((field) => !STANDARD_PLUGIN_ENV_FIELDS.has(field));
  if (custom.length > 0) {
    findings.push({
      kind: 'custom-env-fields',
      message: `it reads the custom environment field${custom.length > 1 ? 's' : ''} ${custom.map((f) => `\`${f}\``).join(', ')}, which the native plugin does not get`,
    });
  }

  // The body: only `return createRouter({...})` (or an arrow that is that call).
  let returned: Node | undefined;
  const body = fn.body;
  if (body.type === 'BlockStatement') {
    for (const statement of body.body as Node[]) {
      if (statement.type === 'ReturnStatement' && returned === undefined && statement.argument) returned = statement.argument as Node;
      else
        findings.push({
          kind: 'side-effects',
          message: `createPlugin runs \`${excerpt(source, statement)}\` besides returning the router`,
        });
    }
  } else {
    returned = body;
  }
  if (returned?.type === 'AwaitExpression') returned = returned.argument as Node;
  const call = returned?.type === 'CallExpression' && returned.callee.type === 'Identifier' ? returned : undefined;
  const calledFrom = call ? importsByLocal.get((call.callee as namedTypes.Identifier).name) : undefined;
  const calledPackage = calledFrom && !calledFrom.startsWith('.') ? packageOf(calledFrom) : firstPackageCalled(fn, importsByLocal);
  if (!call || !calledFrom || calledFrom.startsWith('.')) {
    if (returned && !findings.some((f) => f.kind === 'side-effects')) {
      findings.push({
        kind: 'side-effects',
        message: `createPlugin returns \`${excerpt(source, returned)}\`, not a package's createRouter(...)`,
      });
    }
    return { calledPackage, envFields, findings };
  }

  const [options, ...extraArgs] = call.arguments as Node[];
  if (extraArgs.length > 0) {
    findings.push({
      kind: 'extra-arguments',
      message: `createRouter gets ${call.arguments.length} arguments (${extraArgs.map((a) => excerpt(source, a, 30)).join(', ')} besides the options); a native plugin gets none of them`,
    });
  }
  if (options && options.type !== 'ObjectExpression') {
    findings.push({
      kind: 'options',
      message: `createRouter gets \`${excerpt(source, options)}\` instead of options built from environment fields`,
    });
  } else if (options) {
    for (const prop of options.properties as Node[]) {
      const problem = optionProblem(source, prop, envName, destructured);
      if (problem) findings.push({ kind: 'options', message: problem });
    }
  }
  return { calledPackage, envFields, findings };
}

/** Why one option would not reach the native plugin, or undefined when it is `field: env.field`. */
function optionProblem(source: string, prop: Node, envName: string | undefined, destructured: Map<string, string>): string | undefined {
  if ((prop.type !== 'ObjectProperty' && prop.type !== 'Property') || prop.computed || prop.key.type !== 'Identifier') {
    return `the option \`${excerpt(source, prop, 40)}\` is not a plain environment field`;
  }
  const key = prop.key.name;
  const value = prop.value as Node;
  let field: string | undefined;
  if (value.type === 'Identifier') field = destructured.get(value.name);
  else if (
    value.type === 'MemberExpression' &&
    value.object.type === 'Identifier' &&
    value.object.name === envName &&
    value.property.type === 'Identifier' &&
    !value.computed
  ) {
    field = value.property.name;
  }
  // Options that are not environment fields at all are nativeLoss's to name (whatNativeWouldLose).
  if (field === undefined) return undefined;
  if (field !== key) return `the option \`${key}\` gets the environment's \`${field}\`; the native plugin gives it its own \`${key}\``;
  return undefined;
}

function firstPackageCalled(fn: FunctionNode, importsByLocal: Map<string, string>): string | undefined {
  for (const node of walk(fn.body)) {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') continue;
    let callee = node.callee as Node;
    while (callee.type === 'MemberExpression') callee = callee.object as Node;
    const from = callee.type === 'Identifier' ? importsByLocal.get(callee.name) : undefined;
    if (from && !from.startsWith('.')) return packageOf(from);
  }
  return undefined;
}
