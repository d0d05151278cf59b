/**
 * Several scheduler "backend instances" in one process: each has its own DatabaseManager (so its own knex
 * client and connections) on the same PostgreSQL database, as separate processes behind a load balancer would.
 */
import knexFactory from 'knex';
import { DatabaseManager } from '../../../../framework/services/database';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { DefaultSchedulerService } from '../../../../framework/services/scheduler';
import { postgresUrl, uniqueName } from '../../../support/realServices';
import { captureLogger, type LogLine } from '../../../support/logCapture';
import { until as waitFor } from '../../../support/until';

export interface Instance {
  name: string;
  scheduler: DefaultSchedulerService;
  database: DatabaseManager;
}

export interface Run {
  /** The slot the run stands for (database clock). */
  slot: number;
  /** The slot the task's row held when it was claimed (database clock). */
  dueSince: number;
  /** When the claiming instance looked at the task (database clock). */
  claimedAt: number;
  instance: string;
  /** When the run's start was logged (this process's clock). */
  startedAt: number;
}

export function pgCluster() {
  const prefix = `${uniqueName('fksched')}_`;
  const pluginId = 'jobs';
  const config = new ConfigReader({ backend: { database: { client: 'pg', connection: postgresUrl!, prefix } } });
  const lines: LogLine[] = [];
  const instances: Instance[] = [];

  function start(name: string, options: { shutdownTimeoutMs?: number } = {}): Instance {
    const database = DatabaseManager.fromConfig(config);
    const scheduler = new DefaultSchedulerService({
      pluginId,
      database: database.forPlugin(pluginId),
      logger: captureLogger(lines, { instance: name }),
      pollingIntervalMs: 200,
      shutdownTimeoutMs: options.shutdownTimeoutMs ?? 3000,
    });
    const instance = { name, scheduler, database };
    instances.push(instance);
    return instance;
  }

  async function stop(instance: Instance): Promise<void> {
    await instance.scheduler.stop();
    await instance.database.close();
  }

  /** Every run of a task, with the instance that ran it, from the scheduler's own log lines. */
  function runs(task: string): Run[] {
    return lines
      .filter((l) => l.message === `Task '${task}' started`)
      .map((l) => ({
        slot: Date.parse(String(l.meta.slot)),
        dueSince: Date.parse(String(l.meta.dueSince)),
        claimedAt: Date.parse(String(l.meta.claimedAt)),
        instance: String(l.meta.instance),
        startedAt: l.at,
      }));
  }

  async function teardown(): Promise<void> {
    await Promise.all(instances.map((i) => stop(i)));
    const admin = knexFactory({ client: 'pg', connection: postgresUrl, pool: { min: 0, max: 1 } });
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [`${prefix}${pluginId}`]);
    await admin.destroy();
  }

  return { start, stop, runs, teardown, lines };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cluster tests' wait: up to 8 s, several task periods and a crashed claim's expiry. */
export const until = (condition: () => boolean | Promise<boolean>, what: string) => waitFor(condition, what, { timeoutMs: 8_000 });

/**
 * What the scheduler promises for a task run every `periodMs`, whatever the machine's speed:
 * - no slot runs twice, and every slot is on the task's grid;
 * - after each run the task is due again at the very next slot (the schedule itself loses no tick);
 * - each run stands for the latest slot that was due when its instance looked (never a later slot, never a
 *   stale one), so a slot is skipped only when no instance claimed the task while it was the latest one.
 * A slot every instance missed (a stalled process, a slow database) collapses into the next run by design;
 * an assertion of "every slot ran" would assert the machine's speed. Returns the skipped slots, so a test
 * can also say when there must be none.
 */
export function expectSlotsKept(runs: Run[], periodMs: number): { skipped: number } {
  const sorted = [...runs].sort((a, b) => a.slot - b.slot);
  const first = sorted[0].slot;
  const described = sorted
    .map((r) => `slot +${r.slot - first} ms, due since +${r.dueSince - first} ms, claimed at +${r.claimedAt - first} ms by ${r.instance}`)
    .join('\n');
  let skipped = 0;
  sorted.forEach((run, index) => {
    const onGrid = (run.slot - first) % periodMs === 0;
    const latestDue = run.slot <= run.claimedAt && run.claimedAt < run.slot + periodMs;
    if (!onGrid || !latestDue) throw new Error(`run ${index} does not stand for the latest slot due when it was claimed:\n${described}`);
    if (index === 0) return;
    const gap = run.slot - sorted[index - 1].slot;
    if (gap === 0) throw new Error(`slot +${run.slot - first} ms ran twice:\n${described}`);
    if (run.dueSince !== sorted[index - 1].slot + periodMs) throw new Error(`run ${index} was not due at the next slot:\n${described}`);
    skipped += gap / periodMs - 1;
  });
  return { skipped };
}
