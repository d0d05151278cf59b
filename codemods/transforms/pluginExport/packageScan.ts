/**
 * Whether a plugin package already has a new-system plugin anywhere in it: the entry and every file it reaches
 * through relative imports and re-exports, plus the conventional `plugin.ts` next to the entry. A transform
 * cannot list directories, so reachability is what "anywhere" means here.
 */
import { posix } from 'node:path';
import { resolveImport } from '../shared/source';

const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;
const MAX_FILES = 500;

export function packageHasNewPlugin(entryPath: string, entrySource: string, readFile: (path: string) => string | undefined): boolean {
  const seen = new Set<string>([entryPath]);
  const queue: Array<{ path: string; source: string }> = [{ path: entryPath, source: entrySource }];
  for (const extra of ['plugin.ts', 'plugin/index.ts']) {
    const path = posix.join(posix.dirname(entryPath), extra);
    const source = readFile(path);
    if (source !== undefined && !seen.has(path)) {
      seen.add(path);
      queue.push({ path, source });
    }
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (file.source.includes('createBackendPlugin')) return true;
    for (const match of file.source.matchAll(RELATIVE_SPECIFIER)) {
      if (seen.size >= MAX_FILES) break;
      const target = resolveImport(file.path, match[1], readFile);
      if (target && !seen.has(target.path)) {
        seen.add(target.path);
        queue.push(target);
      }
    }
  }
  return false;
}
