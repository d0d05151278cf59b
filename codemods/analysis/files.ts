/**
 * Lists the files of a repository the way git would see them: `.gitignore` files (at any depth) respected,
 * `node_modules`, `dist` and `.git` never entered, symbolic links listed but never followed.
 */
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { parserForPath } from '../transforms/shared/parser';

export type RepoEntryKind =
  /** Source code a transform may read (by extension). */
  | 'source'
  /** A code template (`.hbs`): never rewritten, reported as skipped. */
  | 'template'
  /** A symbolic link with a source or template name: never followed, reported as skipped. */
  | 'symlink'
  /** A `package.json`: only the transforms whose text check names it (package-json) ever see it. */
  | 'manifest'
  /** Anything else (Markdown, images ...): not the runner's business. */
  | 'other';

export interface RepoEntry {
  /** Relative to the root, forward slashes. */
  path: string;
  kind: RepoEntryKind;
}

const ALWAYS_SKIPPED = ['**/node_modules/**', '**/dist/**', '**/.git/**'];

/** Leftovers of an interrupted run (see runner/atomicWrite); never treated as repository files. */
export const FORKLIFT_TEMP_PATTERN = /\.forklift-[0-9a-z]+-[0-9a-z]+\.(tmp|journal)$/;

function kindOf(relPath: string, isSymlink: boolean): RepoEntryKind {
  const lower = relPath.toLowerCase();
  const interesting = parserForPath(relPath) !== undefined || lower.endsWith('.hbs');
  if (isSymlink) return interesting ? 'symlink' : 'other';
  if (lower.endsWith('.hbs')) return 'template';
  if (relPath === 'package.json' || relPath.endsWith('/package.json')) return 'manifest';
  return parserForPath(relPath) ? 'source' : 'other';
}

/** One matcher per `.gitignore`, applied to paths below its folder. */
function loadIgnores(root: string): Array<{ dir: string; matcher: Ignore }> {
  const files = fg.sync('**/.gitignore', { cwd: root, dot: true, ignore: ALWAYS_SKIPPED, followSymbolicLinks: false });
  return files.map((file) => {
    const dir = path.posix.dirname(file);
    return { dir: dir === '.' ? '' : dir, matcher: ignore().add(fs.readFileSync(path.join(root, file), 'utf8')) };
  });
}

function isIgnored(relPath: string, ignores: Array<{ dir: string; matcher: Ignore }>): boolean {
  for (const { dir, matcher } of ignores) {
    if (dir && !relPath.startsWith(`${dir}/`)) continue;
    const local = dir ? relPath.slice(dir.length + 1) : relPath;
    if (matcher.ignores(local)) return true;
  }
  return false;
}

/** Every file below `root` that git would track, in a stable (sorted) order. */
export function listRepositoryFiles(root: string): RepoEntry[] {
  const ignores = loadIgnores(root);
  const entries = fg.sync('**/*', {
    cwd: root,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    ignore: ALWAYS_SKIPPED,
  });
  const result: RepoEntry[] = [];
  for (const entry of entries) {
    const isSymlink = entry.dirent.isSymbolicLink();
    if (!isSymlink && !entry.dirent.isFile()) continue;
    if (FORKLIFT_TEMP_PATTERN.test(entry.path)) continue;
    if (isIgnored(entry.path, ignores)) continue;
    result.push({ path: entry.path, kind: kindOf(entry.path, isSymlink) });
  }
  return result.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
