import { createTwoFilesPatch } from 'diff';

/** The unified diff of one file as `--diff` prints it; '' stands for a file that does not exist on that side. */
export function unifiedDiff(relPath: string, before: string, after: string): string {
  return createTwoFilesPatch(before === '' ? '/dev/null' : `a/${relPath}`, after === '' ? '/dev/null' : `b/${relPath}`, before, after);
}
