/**
 * For `forklift verify <dir>` on a tree migrated already: the changes are what differs from a git revision
 * (HEAD unless told), the working tree being "after".
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChangedFile } from './index';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

export function changesSince(root: string, base: string): ChangedFile[] {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  } catch {
    throw new Error(
      `${root}: ${base} is not a git revision here; verify compares the working tree with one (default HEAD): pass --base <revision>`,
    );
  }
  // Paths relative to `root` even when it is a folder inside the repository.
  const changed = git(root, ['diff', '--name-only', '--relative', base, '--', '.']).split('\n').filter(Boolean);
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '--', '.']).split('\n').filter(Boolean);
  return [...new Set([...changed, ...untracked])].sort().map((file) => ({
    path: file,
    before: textAt(root, base, file),
    after: fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : null,
  }));
}

function textAt(root: string, base: string, file: string): string | null {
  try {
    return git(root, ['show', `${base}:./${file}`]);
  } catch {
    return null;
  }
}
