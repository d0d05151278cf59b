import { adoptInOrder } from './adoption';
import { copySample } from './files';
import { applyManualPatch } from './manualPatch';
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

/**
 * One state of the sample's history in `dir` (a fresh directory): the bridged state (migrate output plus the
 * hand-made steps) after `adopted` plugins of ADOPTION_ORDER went native. All of them gives the committed sample.
 */
export async function materialiseSampleState(dir: string, adopted?: number): Promise<void> {
  await generateMigratedSample(dir);
  applyManualPatch(dir);
  await adoptInOrder(dir, adopted);
}
