/**
 * Finds where a plugin package's `createRouter` is declared, starting at the package entry and following
 * relative re-exports (`export * from`, `export { createRouter } from`, import-then-export) across files.
 */
import { parse, resolveImport, type Parsed } from '../shared/source';
import type { LooseNode } from '../shared/ast';

export interface RouterDeclaration {
  path: string;
  source: string;
  parsed: Parsed;
  /** The function (declaration, arrow or function expression). */
  fn: LooseNode;
  /** The top-level statement a doc comment belongs to. */
  statement: LooseNode;
}

type ReadFile = (path: string) => string | undefined;

const NAME = 'createRouter';

export function locateCreateRouter(
  path: string,
  source: string,
  readFile: ReadFile,
  seen = new Set<string>(),
): RouterDeclaration | undefined {
  if (seen.has(path) || seen.size > 20) return undefined;
  seen.add(path);
  const parsed = parse(path, source);
  const body: LooseNode[] = parsed.root.find(parsed.j.Program).get().node.body;
  const follow = (specifier: string, name = NAME) => {
    const target = resolveImport(path, specifier, readFile);
    if (!target) return undefined;
    if (name !== NAME) return undefined;
    return locateCreateRouter(target.path, target.source, readFile, seen);
  };

  for (const statement of body) {
    const found = declarationIn(statement);
    if (found) return { path, source, parsed, fn: found, statement };
  }
  for (const statement of body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.source) {
      const spec = statement.specifiers?.find((s: LooseNode) => s.exported?.name === NAME);
      if (spec) return follow(statement.source.value, spec.local?.name ?? NAME);
    }
    if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
      const spec = statement.specifiers?.find((s: LooseNode) => s.exported?.name === NAME);
      if (spec) {
        const local = spec.local?.name ?? NAME;
        for (const other of body) {
          const found = declarationIn(other, local);
          if (found) return { path, source, parsed, fn: found, statement: other };
          if (other.type === 'ImportDeclaration') {
            const imported = other.specifiers?.find((s: LooseNode) => s.type === 'ImportSpecifier' && s.local.name === local);
            if (imported) return follow(other.source.value, imported.imported.name);
          }
        }
      }
    }
  }
  for (const statement of body) {
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const found = follow(statement.source.value);
      if (found) return found;
    }
  }
  return undefined;
}

/** The createRouter function a top-level statement declares (exported or not). */
function declarationIn(statement: LooseNode, name = NAME): LooseNode | undefined {
  const node = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
  if (node.type === 'FunctionDeclaration' && node.id?.name === name) return node;
  if (node.type === 'VariableDeclaration') {
    for (const d of node.declarations) {
      if (d.id?.name === name && d.init && /^(ArrowFunctionExpression|FunctionExpression)$/.test(d.init.type)) return d.init;
    }
  }
  return undefined;
}
