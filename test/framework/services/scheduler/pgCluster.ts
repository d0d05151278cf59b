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

export interface Instance {
  name: string;
  scheduler: DefaultSchedulerService;
  database: DatabaseManager;
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

  /** The slot of every run of a task, with the instance that ran it, from the scheduler's own log lines. */
  function runs(task: string): Array<{ slot: number; instance: string; startedAt: number }> {
    return lines
      .filter((l) => l.message === `Task '${task}' started`)
      .map((l) => ({ slot: Date.parse(String(l.meta.slot)), instance: String(l.meta.instance), startedAt: l.at }));
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

export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Slots as seconds relative to the first, e.g. [0, 1, 2, 3]: a duplicate or a gap shows at a glance. */
export function relativeSeconds(slots: number[]): number[] {
  const sorted = [...slots].sort((a, b) => a - b);
  return sorted.map((s) => (s - sorted[0]) / 1000);
}

export function consecutive(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}
