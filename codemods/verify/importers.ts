/**
 * The files that import the files a migration changed: their type errors are the migration's too when a
 * changed export no longer fits them. Found by resolving each source file's imports with the compiler's own
 * module resolution (relative paths, tsconfig `paths`, workspace packages through node_modules links).
 */
import path from 'node:path';
import { createOverlayHost, type CheckSetup, type Overlay } from './program';

const CHECKABLE = /\.(ts|tsx|mts|cts)$/;

export function isCheckable(file: string): boolean {
  return CHECKABLE.test(file) && !file.endsWith('.d.ts');
}

/** The package part of a bare specifier: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packagePart(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * `localPackages`: names of the repository's own packages. Only relative imports, those and tsconfig `paths`
 * are resolved: an import of an installed library cannot reach a file of the repository.
 */
export function findImporters(
  setup: CheckSetup,
  overlay: Overlay,
  sourceFiles: readonly string[],
  targets: ReadonlySet<string>,
  localPackages: ReadonlySet<string>,
): string[] {
  const { ts, root, options } = setup;
  const pathKeys = Object.keys(options.paths ?? {}).map((key) => key.replace(/\*.*$/, ''));
  const mayBeLocal = (specifier: string) =>
    specifier.startsWith('.') || localPackages.has(packagePart(specifier)) || pathKeys.some((key) => specifier.startsWith(key));
  const host = createOverlayHost(setup, overlay);
  const targetsAbsolute = new Set([...targets].map((t) => path.join(root, t)));
  const importers: string[] = [];
  for (const file of sourceFiles) {
    if (targets.has(file) || !isCheckable(file)) continue;
    const full = path.join(root, file);
    const text = host.readFile(full);
    if (text === undefined) continue;
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const hit = importedFiles.some((imported) => {
      if (!mayBeLocal(imported.fileName)) return false;
      const resolved = ts.resolveModuleName(imported.fileName, full, options, host).resolvedModule;
      return resolved !== undefined && targetsAbsolute.has(path.resolve(resolved.resolvedFileName));
    });
    if (hit) importers.push(file);
  }
  return importers;
}
