/** Whether the target directory has uncommitted changes in git (a run should be reviewable as one diff). */
import { spawnSync } from 'node:child_process';

/** The changed paths git reports below `dir`; undefined when `dir` is not inside a git work tree. */
export function uncommittedChanges(dir: string): string[] | undefined {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, encoding: 'utf8' });
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') return undefined;
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=normal', '--', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (status.status !== 0) return undefined;
  return status.stdout.split('\n').filter((line) => line.trim().length > 0);
}
