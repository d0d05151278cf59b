/** Whether the target directory has uncommitted changes in git (a run should be reviewable as one diff). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The changed paths git reports below `dir` (absolute); undefined when `dir` is not inside a git work tree. */
export function uncommittedChanges(dir: string): string[] | undefined {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
  if (top.status !== 0 || top.stdout.trim() === '') return undefined;
  const toplevel = top.stdout.trim();
  // -z: exact paths (no quoting); every untracked file listed, so a leftover temp file is seen as itself.
  const status = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (status.status !== 0) return undefined;
  const fields = status.stdout.split('\0');
  const changed: string[] = [];
  for (let i = 0; i < fields.length; i += 1) {
    const field = fields[i];
    if (field.length < 4) continue;
    changed.push(path.join(toplevel, field.slice(3)));
    // A rename or copy is followed by its source path.
    if (field[0] === 'R' || field[0] === 'C') i += 1;
  }
  return changed;
}
