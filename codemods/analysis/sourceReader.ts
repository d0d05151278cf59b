/**
 * Reads repository files once per run. Analysis and the runner's text checks share it, so a file is read
 * from disk a single time however many questions are asked about it.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface CachedSourceReader {
  /** Text of a file relative to the root; undefined when it is missing or not a regular file. */
  read(relPath: string): string | undefined;
  exists(relPath: string): boolean;
  /** Every file read so far with its text: the repository as the run found it. */
  snapshot(): Record<string, string>;
}

export function createSourceReader(root: string, knownFiles?: Iterable<string>): CachedSourceReader {
  const cache = new Map<string, string | undefined>();
  const listed = knownFiles ? new Set(knownFiles) : undefined;
  const exists = (relPath: string): boolean => {
    if (listed) return listed.has(relPath);
    try {
      return fs.lstatSync(path.join(root, relPath)).isFile();
    } catch {
      return false;
    }
  };
  return {
    exists,
    snapshot() {
      const files: Record<string, string> = {};
      for (const [relPath, text] of cache) if (text !== undefined) files[relPath] = text;
      return files;
    },
    read(relPath) {
      if (cache.has(relPath)) return cache.get(relPath);
      let text: string | undefined;
      if (exists(relPath)) {
        try {
          text = fs.readFileSync(path.join(root, relPath), 'utf8');
        } catch {
          text = undefined;
        }
      }
      cache.set(relPath, text);
      return text;
    },
  };
}
