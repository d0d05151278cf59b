import { runForklift, type ForkliftRun } from './runForklift';

/**
 * The plugins `sample-migrated-backend`'s history moves from the bridge to their native plugin, one commit
 * (`forklift adopt <id>`) each, in this order. Catalog went native by hand (manual-steps.patch); every other
 * plugin of the sample can be adopted.
 */
export const ADOPTION_ORDER = ['todo', 'settings', 'heartbeat', 'reports'] as const;

/** Runs `forklift adopt <id> -C <dir>` for one plugin; fails naming the output when it does not exit 0. */
async function adoptPlugin(dir: string, id: string, extra: string[] = []): Promise<ForkliftRun> {
  const run = await runForklift(['adopt', id, '-C', dir, ...extra]);
  if (run.code !== 0) throw new Error(`forklift adopt ${id} -C ${dir} exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** Adopts the first `count` plugins of ADOPTION_ORDER (all of them by default), in order. */
export async function adoptInOrder(dir: string, count: number = ADOPTION_ORDER.length): Promise<void> {
  for (const id of ADOPTION_ORDER.slice(0, count)) await adoptPlugin(dir, id);
}
