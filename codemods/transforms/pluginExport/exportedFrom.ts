/**
 * The file of a package that declares one of its exports, found from the package entry by following relative
 * re-exports (`export * from`, `export { x } from`, import-then-export). The new plugin lives inside the package, so
 * what the backend imported from the package by name, the plugin imports from that file.
 */
import { resolveImport } from '../shared/source';
import { parseForReading, parserForPath } from '../shared/parser';
import type { LooseNode } from '../shared/ast';

type ReadFile = (path: string) => string | undefined;

const MAX_FILES = 20;

export function fileDeclaringExport(entryPath: string, name: string, readFile: ReadFile, seen = new Set<string>()): string | undefined {
  if (seen.has(entryPath) || seen.size >= MAX_FILES) return undefined;
  seen.add(entryPath);
  const source = readFile(entryPath);
  const parser = parserForPath(entryPath);
  if (source === undefined || !parser) return undefined;
  let body: LooseNode[];
  try {
    body = (parseForReading(source, parser).program as LooseNode).body;
  } catch {
    return undefined;
  }
  const follow = (specifier: string, exported: string) => {
    const target = resolveImport(entryPath, specifier, readFile);
    return target ? fileDeclaringExport(target.path, exported, readFile, seen) : undefined;
  };
  for (const statement of body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    if (statement.declaration && declares(statement.declaration, name)) return entryPath;
    const spec = statement.specifiers?.find((s: LooseNode) => (s.exported?.name ?? s.exported?.value) === name);
    if (!spec) continue;
    const local: string = spec.local?.name ?? name;
    if (statement.source) return follow(statement.source.value, local);
    // `export { local as name }`: declared here, or imported from a file that declares it.
    for (const other of body) {
      if (declares(other, local)) return entryPath;
      if (other.type !== 'ImportDeclaration') continue;
      const imported = other.specifiers?.find((s: LooseNode) => s.type === 'ImportSpecifier' && s.local.name === local);
      if (imported) return follow(other.source.value, imported.imported.name);
    }
    return undefined;
  }
  for (const statement of body) {
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const found = follow(statement.source.value, name);
      if (found) return found;
    }
  }
  return undefined;
}

function declares(node: LooseNode, name: string): boolean {
  if (/^(FunctionDeclaration|ClassDeclaration|TSEnumDeclaration)$/.test(node.type)) return node.id?.name === name;
  if (node.type === 'VariableDeclaration') return node.declarations.some((d: LooseNode) => d.id?.name === name);
  return false;
}
