/**
 * Reads a package entry to learn whether its `default` export is a new-system plugin (made with
 * `createBackendPlugin`). Follows one level of re-export or import into another file of the package.
 */
import type { namedTypes } from 'ast-types';
import type { ExpressionKind } from 'ast-types/lib/gen/kinds';
import { parseForReading, parserForPath } from '../transforms/shared/parser';
import { resolveRelativeImport } from './modulePaths';

export interface SourceReader {
  read(relPath: string): string | undefined;
  exists(relPath: string): boolean;
}

const MAX_HOPS = 2;

/** A parsed file, read-only (see parseForReading). */
type Program = namedTypes.File;

function parse(relPath: string, source: string): Program | undefined {
  const parser = parserForPath(relPath);
  if (!parser) return undefined;
  try {
    return parseForReading(source, parser);
  } catch {
    // An entry that does not parse cannot be judged migrated; the runner reports the parse error itself.
    return undefined;
  }
}

function isPluginCall(value: unknown): boolean {
  let node = value as ExpressionKind | null | undefined;
  while (node && (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression')) node = node.expression;
  if (node?.type !== 'CallExpression') return false;
  const { callee } = node;
  return (
    (callee.type === 'Identifier' && callee.name === 'createBackendPlugin') ||
    (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'createBackendPlugin')
  );
}

/** The name an import or export specifier gives: an identifier, or a string (`export { x as 'y' }`). */
function nameOf(node: { type: string; name?: unknown; value?: unknown } | null | undefined): string | undefined {
  const name = node?.type === 'Identifier' ? node.name : node?.value;
  return typeof name === 'string' ? name : undefined;
}

/** Is the binding `name` (exported as `exportedName` when looked up across files) a plugin? */
function bindingIsPlugin(file: string, program: Program, name: string, reader: SourceReader, hops: number): boolean {
  for (const statement of program.program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' && declarator.id.name === name) {
          return isPluginCall(declarator.init);
        }
      }
    }
    if (statement.type === 'ImportDeclaration' && hops < MAX_HOPS) {
      for (const specifier of statement.specifiers ?? []) {
        if (specifier.local?.name !== name) continue;
        const imported =
          specifier.type === 'ImportDefaultSpecifier'
            ? 'default'
            : specifier.type === 'ImportSpecifier'
              ? nameOf(specifier.imported)
              : undefined;
        if (!imported) return false;
        return exportIsPlugin(file, String(statement.source.value), imported, reader, hops + 1);
      }
    }
  }
  return false;
}

function exportIsPlugin(from: string, specifier: string, exported: string, reader: SourceReader, hops: number): boolean {
  const target = resolveRelativeImport(from, specifier, (p) => reader.exists(p));
  if (!target) return false;
  return namedExportIsPlugin(target, exported, reader, hops);
}

/** Is the export `exported` ('default' or a name) of `file` a value made with createBackendPlugin? */
function namedExportIsPlugin(file: string, exported: string, reader: SourceReader, hops: number): boolean {
  const source = reader.read(file);
  if (source === undefined) return false;
  if (!source.includes('createBackendPlugin') && !/from\s+['"]\.\.?\//.test(source)) return false;
  const program = parse(file, source);
  if (!program) return false;
  for (const statement of program.program.body) {
    if (statement.type === 'ExportDefaultDeclaration' && exported === 'default') {
      const declaration = statement.declaration;
      if (declaration.type === 'Identifier') return bindingIsPlugin(file, program, declaration.name, reader, hops);
      return isPluginCall(declaration);
    }
    if (statement.type === 'ExportNamedDeclaration') {
      for (const specifier of statement.specifiers ?? []) {
        if (specifier.type !== 'ExportSpecifier' || nameOf(specifier.exported) !== exported) continue;
        const local = nameOf(specifier.local) ?? exported;
        if (statement.source) {
          return hops < MAX_HOPS && exportIsPlugin(file, String(statement.source.value), local, reader, hops + 1);
        }
        return bindingIsPlugin(file, program, local, reader, hops);
      }
      if (statement.declaration && exported !== 'default') {
        const found = bindingIsPlugin(file, program, exported, reader, hops);
        if (found) return true;
      }
    }
  }
  return false;
}

/** True when the entry file's `default` export is a plugin made with `createBackendPlugin`. */
export function entryExportsNewSystemPlugin(entry: string, reader: SourceReader): boolean {
  const source = reader.read(entry);
  if (source === undefined) return false;
  // Cheap check first: a default export must be visible in the entry for it to count at all.
  if (!/\bdefault\b/.test(source)) return false;
  return namedExportIsPlugin(entry, 'default', reader, 0);
}
