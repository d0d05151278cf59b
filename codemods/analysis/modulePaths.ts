/** Resolves a relative import of one repository file to another, the way TypeScript's node resolution would. */
import path from 'node:path';

const CANDIDATE_SUFFIXES = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

/**
 * `from` and the result are relative to the repository root, with forward slashes; `exists` answers for
 * such paths. Undefined for bare specifiers and for imports that point at nothing.
 */
export function resolveRelativeImport(from: string, specifier: string, exists: (relPath: string) => boolean): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  if (base.startsWith('../')) return undefined;
  // `./plugin.js` in TypeScript sources means `./plugin.ts`.
  const stripped = base.replace(/\.(c|m)?js$/, '');
  for (const candidate of [base, stripped]) {
    for (const suffix of CANDIDATE_SUFFIXES) {
      const full = candidate + suffix;
      if (suffix === '' && !/\.[cm]?[jt]sx?$/.test(full)) continue;
      if (exists(full)) return full;
    }
  }
  return undefined;
}
