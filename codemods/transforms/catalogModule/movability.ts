/**
 * Whether a builder call can move into a module unchanged: every name its arguments use must be imported in
 * the plugin file (the module imports it the same way), a known global, or a field of the legacy environment
 * that a core service provides. A local variable or any other use of `env` keeps the call where it is.
 */
import { legacyFieldMapping, type CoreServiceName } from '../shared/legacyServices';
import type { LooseNode } from '../shared/ast';

/** A use of `env.<field>`: the span to replace, and whether it is a whole `field: env.field` property. */
export interface EnvUse {
  start: number;
  end: number;
  field: string;
  service: CoreServiceName;
  property: boolean;
  /**
   * The name the nearest call or `new` that takes the use among its arguments starts from: `Foo` for
   * `new Foo({ logger: env.logger })` and `Foo.fromConfig(config, { logger: env.logger })`; undefined for the
   * builder call itself.
   */
  consumer?: string;
}

export interface Movability {
  movable: boolean;
  /** Why not, for the TODO. */
  reason?: string;
  /** The name local to the file that keeps the call where it is, when that is the reason. */
  local?: string;
  /** Imported names used, in order of first use. */
  imports: string[];
  /** `env.<field>` uses: offsets into the source and the service each needs. */
  envUses: EnvUse[];
}

const GLOBALS = new Set([
  'undefined',
  'process',
  'Date',
  'Math',
  'JSON',
  'Number',
  'String',
  'Boolean',
  'Object',
  'Array',
  'console',
  'Promise',
  'RegExp',
  'Error',
]);

export function analyseArguments(args: LooseNode[], envName: string | undefined, imported: Set<string>): Movability {
  const result: Movability = { movable: true, imports: [], envUses: [] };
  const fail = (reason: string) => {
    if (result.movable) {
      result.movable = false;
      result.reason = reason;
    }
  };

  const visit = (node: LooseNode, parent: LooseNode | undefined, key: string, consumer: string | undefined): void => {
    if (!node || typeof node.type !== 'string') return;
    if (/^(ArrowFunctionExpression|FunctionExpression|ClassExpression)$/.test(node.type)) {
      fail('it defines a function inline');
      return;
    }
    if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === envName) {
      const field = node.property.name;
      const mapping = legacyFieldMapping(field);
      if (mapping?.kind !== 'service') {
        fail(`it uses \`${envName}.${field}\`, which no core service replaces one to one`);
        return;
      }
      // `{ logger: env.logger }` becomes `{ logger }` rather than `{ logger: logger }`.
      const shorthand =
        (parent?.type === 'ObjectProperty' || parent?.type === 'Property') &&
        key === 'value' &&
        !parent.computed &&
        parent.key.type === 'Identifier' &&
        parent.key.name === field;
      result.envUses.push(
        shorthand
          ? { start: parent.start, end: parent.end, field, service: mapping.service, property: true, consumer }
          : { start: node.start, end: node.end, field, service: mapping.service, property: false, consumer },
      );
      return;
    }
    if (node.type === 'Identifier') {
      const isPropertyName =
        (parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
        ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && key === 'key' && !parent.computed);
      if (isPropertyName) return;
      if (node.name === envName) fail(`it passes \`${envName}\` as a whole`);
      else if (imported.has(node.name)) {
        if (!result.imports.includes(node.name)) result.imports.push(node.name);
      } else if (!GLOBALS.has(node.name)) {
        if (result.movable) result.local = node.name;
        fail(`it uses \`${node.name}\`, which is local to this file`);
      }
      return;
    }
    for (const [childKey, value] of Object.entries(node)) {
      if (
        childKey === 'loc' ||
        childKey === 'comments' ||
        childKey === 'leadingComments' ||
        childKey === 'trailingComments' ||
        childKey === 'typeAnnotation' ||
        childKey === 'typeParameters'
      )
        continue;
      const takes =
        (node.type === 'NewExpression' || node.type === 'CallExpression') && childKey === 'arguments' ? rootName(node.callee) : consumer;
      if (Array.isArray(value)) for (const item of value) visit(item, node, childKey, takes);
      else if (value && typeof value === 'object') visit(value, node, childKey, takes);
    }
  };
  for (const arg of args) visit(arg, undefined, '', undefined);
  return result;
}

/** The identifier a callee starts from (`Foo` of `Foo.fromConfig`), when it is a plain name or member chain. */
function rootName(callee: LooseNode): string | undefined {
  let node = callee;
  while (node?.type === 'MemberExpression' && !node.computed) node = node.object;
  return node?.type === 'Identifier' ? node.name : undefined;
}

/** The name a module is called after: the class constructed or the factory's owner (`GithubEntityProvider`). */
export function subjectName(arg: LooseNode): string | undefined {
  if (!arg) return undefined;
  if (arg.type === 'NewExpression' && arg.callee.type === 'Identifier') return arg.callee.name;
  if (arg.type === 'CallExpression') {
    if (arg.callee.type === 'MemberExpression' && arg.callee.object.type === 'Identifier') return arg.callee.object.name;
    if (arg.callee.type === 'Identifier') return arg.callee.name.charAt(0).toUpperCase() + arg.callee.name.slice(1);
  }
  if (arg.type === 'AwaitExpression') return subjectName(arg.argument);
  if (arg.type === 'Identifier') return arg.name.charAt(0).toUpperCase() + arg.name.slice(1);
  return undefined;
}
