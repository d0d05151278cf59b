/**
 * The packages a source file imports: `import`/`export ... from`, `import(...)`, `require(...)` and `import x =
 * require(...)` with a literal specifier, reduced to the package name (`@backstage/plugin-catalog-node/alpha` ->
 * `@backstage/plugin-catalog-node`). Relative paths and Node's built-in modules are not packages.
 * With each package, what the file takes from it (`<specifier> <name>`): a file the migration rewrote introduces
 * a package only when it takes something from it that it did not take before.
 */
import { builtinModules } from 'node:module';
import { parseForReading, parserForPath } from '../shared/parser';

const BUILTINS = new Set(builtinModules);

export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (BUILTINS.has(name) || name === '') return undefined;
  return name;
}

type Node = { type?: unknown; [key: string]: unknown };

function literalText(node: unknown): string | undefined {
  const value = (node as Node | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** What an import takes, by name: `import { a as b }` -> `a`, a default import -> `default`, `* as x` and the rest -> `*`. */
function takenNames(node: Node): string[] {
  if (node.type !== 'ImportDeclaration' && node.type !== 'ExportNamedDeclaration') return ['*'];
  const specifiers = (node.specifiers as Node[] | undefined) ?? [];
  if (specifiers.length === 0) return ['*'];
  return specifiers.map((s) => {
    if (s.type === 'ImportDefaultSpecifier') return 'default';
    const named = (s.type === 'ImportSpecifier' ? s.imported : s.local) as Node | undefined;
    if (s.type === 'ImportSpecifier' || s.type === 'ExportSpecifier') {
      const name = named?.name ?? named?.value;
      if (typeof name === 'string') return name;
    }
    return '*';
  });
}

function specifierOf(node: Node): string | undefined {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
      return literalText(node.source);
    case 'TSExternalModuleReference':
      return literalText(node.expression);
    case 'ImportExpression':
      return literalText(node.source);
    case 'CallExpression': {
      const callee = node.callee as Node;
      const args = node.arguments as unknown[];
      const isImport = callee?.type === 'Import';
      const isRequire = callee?.type === 'Identifier' && callee.name === 'require';
      return isImport || isRequire ? literalText(args?.[0]) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Package name -> what `source` takes from it (`<specifier> <name>`); undefined when the file is not source code
 * or does not parse.
 */
export function importedPackages(path: string, source: string): Map<string, Set<string>> | undefined {
  const parser = parserForPath(path);
  if (!parser) return undefined;
  let ast: unknown;
  try {
    ast = parseForReading(source, parser);
  } catch {
    return undefined;
  }
  const found = new Map<string, Set<string>>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const specifier = specifierOf(node as Node);
    const pkg = specifier === undefined ? undefined : packageOfSpecifier(specifier);
    if (specifier !== undefined && pkg) {
      const taken = found.get(pkg) ?? new Set<string>();
      for (const name of takenNames(node as Node)) taken.add(`${specifier} ${name}`);
      found.set(pkg, taken);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'tokens' || key === 'comments' || key === 'start' || key === 'end') continue;
      if (value && typeof value === 'object') stack.push(value);
    }
  }
  return found;
}
