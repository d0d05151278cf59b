/**
 * What a legacy `createRouter` takes: the fields of its options type (an interface or type alias, here or in
 * another file, with `extends` and intersections), or its positional parameters. Each input keeps its
 * declared type as written and a key that says where the type comes from (`winston:Logger`).
 */
import { legacyFieldMapping } from '../shared/legacyServices';
import { parse, resolveImport, type Parsed } from '../shared/source';
import type { RouterDeclaration } from './locateRouter';
import type { LooseNode } from '../shared/ast';

export interface RouterInput {
  name: string;
  optional: boolean;
  /** The declared type as written (`Logger`, `PluginDatabaseManager`, `string[]`). */
  typeText: string;
  /** The imported name of a referenced type, prefixed with `winston:` when it comes from winston. */
  typeKey?: string;
}

export type RouterSignature =
  { mode: 'options'; inputs: RouterInput[] } | { mode: 'positional'; inputs: RouterInput[] } | { mode: 'unknown'; reason: string };

type ReadFile = (path: string) => string | undefined;

interface FileContext {
  path: string;
  source: string;
  parsed: Parsed;
}

export function readRouterSignature(decl: RouterDeclaration, readFile: ReadFile): RouterSignature {
  const file: FileContext = { path: decl.path, source: decl.source, parsed: decl.parsed };
  const params: LooseNode[] = decl.fn.params;
  if (params.length === 0) return { mode: 'options', inputs: [] };
  const first = params[0];
  const firstType = first.typeAnnotation?.typeAnnotation;
  if (params.length === 1 && firstType) {
    const members = objectMembers(firstType, file, readFile, 0);
    if (members) return { mode: 'options', inputs: members };
    // One parameter that is not itself a service (`options: RouterOptions`) must be an options object.
    if (first.type === 'ObjectPattern' || !legacyFieldMapping(first.name)) {
      return { mode: 'unknown', reason: `could not find the declaration of \`${text(file, firstType)}\`` };
    }
  }
  if (params.length === 1 && !firstType) {
    return { mode: 'unknown', reason: 'its options parameter has no type annotation' };
  }
  const inputs: RouterInput[] = [];
  for (const param of params) {
    const node = param.type === 'AssignmentPattern' ? param.left : param;
    const type = node.typeAnnotation?.typeAnnotation;
    if (node.type !== 'Identifier' || !type) {
      return { mode: 'unknown', reason: 'its parameters have no type annotations' };
    }
    inputs.push({ name: node.name, optional: Boolean(node.optional) || param.type === 'AssignmentPattern', ...typeOf(type, file) });
  }
  return { mode: 'positional', inputs };
}

function text(file: FileContext, node: LooseNode): string {
  return file.source.slice(node.start, node.end);
}

function typeOf(type: LooseNode, file: FileContext): { typeText: string; typeKey?: string } {
  const typeText = text(file, type);
  if (type.type !== 'TSTypeReference') return { typeText };
  const typeName = type.typeName;
  if (typeName.type === 'TSQualifiedName' && typeName.left.type === 'Identifier') {
    const module = importedFrom(file, typeName.left.name)?.module;
    return { typeText, typeKey: module === 'winston' ? `winston:${typeName.right.name}` : typeName.right.name };
  }
  if (typeName.type !== 'Identifier') return { typeText };
  const imported = importedFrom(file, typeName.name);
  if (!imported) return { typeText, typeKey: typeName.name };
  return { typeText, typeKey: imported.module === 'winston' ? `winston:${imported.name}` : imported.name };
}

/** Where a local name is imported from, and under which exported name. */
function importedFrom(file: FileContext, local: string): { module: string; name: string } | undefined {
  for (const statement of programBody(file.parsed)) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const spec of statement.specifiers ?? []) {
      if (spec.local?.name !== local) continue;
      const name = spec.type === 'ImportSpecifier' ? spec.imported.name : local;
      return { module: statement.source.value, name };
    }
  }
  return undefined;
}

function programBody(parsed: Parsed): LooseNode[] {
  return parsed.root.find(parsed.j.Program).get().node.body;
}

/** The members of an object type, following names to their declarations; undefined when not an object type. */
function objectMembers(type: LooseNode, file: FileContext, readFile: ReadFile, depth: number): RouterInput[] | undefined {
  if (depth > 8) return undefined;
  switch (type.type) {
    case 'TSTypeLiteral':
      return membersOf(type.members, file);
    case 'TSIntersectionType': {
      const all: RouterInput[] = [];
      for (const part of type.types) {
        const members = objectMembers(part, file, readFile, depth + 1);
        if (!members) return undefined;
        all.push(...members);
      }
      return all;
    }
    case 'TSParenthesizedType':
      return objectMembers(type.typeAnnotation, file, readFile, depth + 1);
    case 'TSTypeReference':
      if (type.typeName.type !== 'Identifier') return undefined;
      return namedMembers(type.typeName.name, file, readFile, depth + 1);
    default:
      return undefined;
  }
}

function namedMembers(name: string, file: FileContext, readFile: ReadFile, depth: number): RouterInput[] | undefined {
  const body = programBody(file.parsed);
  for (const statement of body) {
    const node = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if (node.type === 'TSInterfaceDeclaration' && node.id.name === name) {
      const inherited: RouterInput[] = [];
      for (const heritage of node.extends ?? []) {
        if (heritage.expression.type !== 'Identifier') return undefined;
        const members = namedMembers(heritage.expression.name, file, readFile, depth + 1);
        if (!members) return undefined;
        inherited.push(...members);
      }
      return [...inherited, ...membersOf(node.body.body, file)];
    }
    if (node.type === 'TSTypeAliasDeclaration' && node.id.name === name) {
      return objectMembers(node.typeAnnotation, file, readFile, depth + 1);
    }
  }
  // Not declared here: follow an import, or a re-export of this file, to a relative module.
  for (const statement of body) {
    let specifier: string | undefined;
    let exportedName = name;
    if (statement.type === 'ImportDeclaration') {
      const spec = statement.specifiers?.find((s: LooseNode) => s.type === 'ImportSpecifier' && s.local.name === name);
      if (spec) {
        specifier = statement.source.value;
        exportedName = spec.imported.name;
      }
    } else if (statement.type === 'ExportNamedDeclaration' && statement.source) {
      const spec = statement.specifiers?.find((s: LooseNode) => s.exported?.name === name);
      if (spec) {
        specifier = statement.source.value;
        exportedName = spec.local?.name ?? name;
      }
    } else if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const target = resolveImport(file.path, statement.source.value, readFile);
      if (target) {
        const members = namedMembers(name, { ...target, parsed: parse(target.path, target.source) }, readFile, depth + 1);
        if (members) return members;
      }
    }
    if (specifier) {
      const target = resolveImport(file.path, specifier, readFile);
      if (!target) return undefined;
      return namedMembers(exportedName, { ...target, parsed: parse(target.path, target.source) }, readFile, depth + 1);
    }
  }
  return undefined;
}

function membersOf(members: LooseNode[], file: FileContext): RouterInput[] {
  const inputs: RouterInput[] = [];
  for (const member of members) {
    if (member.type !== 'TSPropertySignature' && member.type !== 'TSMethodSignature') continue;
    const key = member.key;
    const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
    if (!name) continue;
    const type = member.typeAnnotation?.typeAnnotation;
    const typeInfo = member.type === 'TSMethodSignature' ? { typeText: 'a function' } : type ? typeOf(type, file) : { typeText: 'unknown' };
    inputs.push({ name, optional: Boolean(member.optional), ...typeInfo });
  }
  return inputs;
}
