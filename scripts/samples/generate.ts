import { copySample } from './files';
import { LEGACY_SAMPLE } from './paths';
import { runForklift, type ForkliftRun } from './runForklift';

/**
 * Copies the legacy sample into `dir` (a fresh directory) and runs `forklift migrate --json` on the copy:
 * the generated half of `sample-migrated-backend`. Fails naming the report when the CLI does not exit 0.
 */
export async function generateMigratedSample(dir: string): Promise<ForkliftRun> {
  copySample(LEGACY_SAMPLE, dir);
  const run = await runForklift(['migrate', dir, '--json']);
  if (run.code !== 0) {
    throw new Error(`forklift migrate ${dir} exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
  }
  return run;
}
