/** Finds the source file a package exposes: its entry, as the package's own build would see it. */
import path from 'node:path';

export interface PackageJson {
  name?: string;
  main?: string;
  types?: string;
  module?: string;
  exports?: unknown;
  workspaces?: string[] | { packages?: string[] };
  backstage?: { role?: string };
}

const SOURCE_ENTRY = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

function exportsRoot(exportsField: unknown): string[] {
  if (typeof exportsField === 'string') return [exportsField];
  if (!exportsField || typeof exportsField !== 'object') return [];
  const record = exportsField as Record<string, unknown>;
  const dot = '.' in record ? record['.'] : Object.keys(record).some((k) => k.startsWith('.')) ? undefined : record;
  if (typeof dot === 'string') return [dot];
  if (dot && typeof dot === 'object') {
    return Object.values(dot as Record<string, unknown>).flatMap((value) => exportsRoot(value));
  }
  return [];
}

/**
 * The entry source file of the package in `dir` (relative to the root), when one exists: a field of
 * package.json pointing into `src/`, else the `src/` twin of a built file it names, else `src/index.*`.
 */
export function findPackageEntry(dir: string, pkg: PackageJson, exists: (relPath: string) => boolean): string | undefined {
  const inPackage = (p: string) => path.posix.normalize(path.posix.join(dir, p.replace(/^\.\//, '')));
  const declared = [...exportsRoot(pkg.exports), pkg.types, pkg.main, pkg.module].filter((p): p is string => typeof p === 'string');
  for (const field of declared) {
    const file = inPackage(field);
    if (SOURCE_ENTRY.test(file) && !file.endsWith('.d.ts') && file.includes('/src/') && exists(file)) return file;
  }
  for (const field of declared) {
    const twin = inPackage(field)
      .replace(/\/(dist|lib|build)\//, '/src/')
      .replace(/(\.cjs|\.esm)?\.(d\.ts|js|cjs|mjs)$/, '');
    for (const ext of ['.ts', '.tsx', '.js']) {
      if (twin.includes('/src/') && exists(twin + ext)) return twin + ext;
    }
  }
  for (const name of ['src/index.ts', 'src/index.tsx', 'src/index.js', 'src/index.mjs', 'src/index.cjs']) {
    if (exists(inPackage(name))) return inPackage(name);
  }
  return undefined;
}
