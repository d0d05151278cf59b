/**
 * The fields a backend's `PluginEnvironment` type declares (`packages/backend/src/types.ts`), read from the
 * file the index imports it from. A carried legacy plugin must get each of them, or a manual step must say
 * which one it does not get.
 */
import { parseForReading, parserForPath } from '../transforms/shared/parser';
import { resolveRelativeImport } from './modulePaths';

import type { namedTypes } from 'ast-types';

type Node = namedTypes.ASTNode;

const ENV_TYPE_NAME = 'PluginEnvironment';

/**
 * The declared field names, in order; undefined when the type is not found or not a plain object type
 * (then nobody can say which fields it needs). `importedFrom` is the module the index imports it from.
 */
export function readPluginEnvironmentFields(
  indexPath: string,
  importedFrom: { specifier: string; name: string } | undefined,
  readFile: (path: string) => string | undefined,
): string[] | undefined {
  if (!importedFrom) return undefined;
  const path = resolveRelativeImport(indexPath, importedFrom.specifier, (p) => readFile(p) !== undefined);
  const source = path === undefined ? undefined : readFile(path);
  const parser = path === undefined ? undefined : parserForPath(path);
  if (path === undefined || source === undefined || !parser) return undefined;
  let program: namedTypes.Program;
  try {
    program = parseForReading(source, parser).program as namedTypes.Program;
  } catch {
    return undefined;
  }
  return declaredMembers(program, importedFrom.name, 0);
}

/** Where the index imports `PluginEnvironment` from (named import, possibly renamed). */
export function pluginEnvironmentImport(imports: readonly namedTypes.ImportDeclaration[]): { specifier: string; name: string } | undefined {
  for (const decl of imports) {
    for (const s of decl.specifiers ?? []) {
      if (s.type === 'ImportSpecifier' && s.imported.name === ENV_TYPE_NAME) {
        return { specifier: String(decl.source.value), name: ENV_TYPE_NAME };
      }
    }
  }
  return undefined;
}

function declaredMembers(program: namedTypes.Program, name: string, depth: number): string[] | undefined {
  if (depth > 4) return undefined;
  for (const statement of program.body as Node[]) {
    const node = statement.type === 'ExportNamedDeclaration' && statement.declaration ? (statement.declaration as Node) : statement;
    if (node.type === 'TSInterfaceDeclaration' && node.id.type === 'Identifier' && node.id.name === name) {
      const inherited: string[] = [];
      for (const heritage of node.extends ?? []) {
        const members =
          heritage.expression.type === 'Identifier' ? declaredMembers(program, heritage.expression.name, depth + 1) : undefined;
        if (!members) return undefined;
        inherited.push(...members);
      }
      return [...inherited, ...memberNames(node.body.body as Node[])];
    }
    if (node.type === 'TSTypeAliasDeclaration' && node.id.name === name) return typeMembers(program, node.typeAnnotation as Node, depth);
  }
  return undefined;
}

function typeMembers(program: namedTypes.Program, type: Node, depth: number): string[] | undefined {
  if (type.type === 'TSTypeLiteral') return memberNames(type.members as Node[]);
  if (type.type === 'TSParenthesizedType') return typeMembers(program, type.typeAnnotation as Node, depth);
  if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier')
    return declaredMembers(program, type.typeName.name, depth + 1);
  if (type.type === 'TSIntersectionType') {
    const all: string[] = [];
    for (const part of type.types as Node[]) {
      const members = typeMembers(program, part, depth + 1);
      if (!members) return undefined;
      all.push(...members);
    }
    return all;
  }
  return undefined;
}

function memberNames(members: Node[]): string[] {
  const names: string[] = [];
  for (const m of members) {
    if (m.type !== 'TSPropertySignature' && m.type !== 'TSMethodSignature') continue;
    const key = m.key as Node;
    if (key.type === 'Identifier') names.push(key.name);
    else if (key.type === 'StringLiteral') names.push(key.value);
  }
  return names;
}
