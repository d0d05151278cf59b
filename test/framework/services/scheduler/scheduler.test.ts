import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConflictError, NotFoundError } from '../../../../framework/api';
import { DatabaseManager } from '../../../../framework/services/database';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { DefaultSchedulerService } from '../../../../framework/services/scheduler';
import { captureLogger } from '../../../support/logCapture';
import { until } from '../../../support/until';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduler on SQLite', () => {
  let manager: DatabaseManager;
  const schedulers: DefaultSchedulerService[] = [];

  function scheduler(pluginId = 'p', extra: { shutdownTimeoutMs?: number; manager?: DatabaseManager } = {}) {
    const logger = captureLogger();
    const s = new DefaultSchedulerService({
      pluginId,
      database: (extra.manager ?? manager).forPlugin(pluginId),
      logger,
      pollingIntervalMs: 100,
      shutdownTimeoutMs: extra.shutdownTimeoutMs ?? 2000,
    });
    schedulers.push(s);
    return Object.assign(s, { logger });
  }

  beforeEach(() => {
    manager = DatabaseManager.fromConfig(new ConfigReader({}));
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await manager.close();
  });

  it('runs local and global interval tasks repeatedly and lists them', async () => {
    const s = scheduler();
    let local = 0;
    let global = 0;
    await s.scheduleTask({ id: 'local', scope: 'local', frequency: { milliseconds: 100 }, timeout: 'PT5S', fn: () => void local++ });
    await s.createScheduledTaskRunner({ frequency: 'PT0.1S', timeout: { seconds: 5 } }).run({ id: 'global', fn: () => void global++ });
    await until(() => local >= 3 && global >= 3, 'three runs of each');
    expect(await s.getScheduledTasks()).toEqual([
      { id: 'local', scope: 'local', settings: { version: 1, cadence: 'PT0.1S', timeoutAfterDuration: 'PT5S' } },
      { id: 'global', scope: 'global', settings: { version: 1, cadence: 'PT0.1S', timeoutAfterDuration: 'PT5S' } },
    ]);
    const knex = await manager.forPlugin('p').getClient();
    expect(await knex('forklift_scheduler_tasks').pluck('id')).toEqual(['global']);
  });

  it('runs manual tasks only when triggered, and refuses a trigger while running or for an unknown id', async () => {
    const s = scheduler();
    for (const scope of ['local', 'global'] as const) {
      let runs = 0;
      let release!: () => void;
      await s.scheduleTask({
        id: `manual-${scope}`,
        scope,
        frequency: { trigger: 'manual' },
        timeout: { seconds: 5 },
        fn: () => {
          runs++;
          return new Promise<void>((resolve) => (release = resolve));
        },
      });
      await sleep(250);
      expect(runs).toBe(0);
      await s.triggerTask(`manual-${scope}`);
      await until(() => runs === 1, `the triggered ${scope} run`);
      await expect(s.triggerTask(`manual-${scope}`)).rejects.toThrow(ConflictError);
      release();
      await sleep(250);
      expect(runs).toBe(1);
      await until(
        async () =>
          s.triggerTask(`manual-${scope}`).then(
            () => true,
            () => false,
          ),
        'the run to end',
      );
      await until(() => runs === 2, `the second ${scope} run`);
      release();
    }
    await expect(s.triggerTask('nope')).rejects.toThrow(NotFoundError);
    await expect(s.triggerTask('nope')).rejects.toThrow("Task 'nope' is not scheduled in plugin 'p'");
  });

  it('aborts a run at its timeout, and the next slot still runs', async () => {
    const s = scheduler();
    const reasons: string[] = [];
    await s.scheduleTask({
      id: 'slow',
      frequency: { milliseconds: 100 },
      timeout: { milliseconds: 150 },
      fn: (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            reasons.push(`${signal.reason.name}: ${signal.reason.message}`);
            resolve();
          });
        }),
    });
    await until(() => reasons.length >= 2, 'two timed-out runs');
    expect(reasons[0]).toBe("TimeoutError: Task 'slow' timed out after 150 ms");
  });

  it('aborts running tasks on shutdown and waits for them to finish', async () => {
    const s = scheduler();
    let cleanedUp = false;
    let reason = '';
    await s.scheduleTask({
      id: 'long',
      scope: 'local',
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
      fn: (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason.message;
            setTimeout(() => {
              cleanedUp = true;
              resolve();
            }, 100);
          });
        }),
    });
    await sleep(100);
    await s.stop();
    expect(reason).toBe("Task 'long' was aborted because the scheduler is stopping");
    expect(cleanedUp).toBe(true);
    await expect(s.scheduleTask({ id: 'late', frequency: 'PT1M', timeout: 'PT1M', fn: () => {} })).rejects.toThrow(
      "Cannot schedule task 'late': the scheduler of plugin 'p' has stopped",
    );
  });

  it('stops waiting for a task that ignores the signal after the shutdown bound', async () => {
    const s = scheduler('p', { shutdownTimeoutMs: 200 });
    let finish!: () => void;
    let started = false;
    await s.scheduleTask({
      id: 'stubborn',
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
      fn: () => {
        started = true;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    await until(() => started, 'the run');
    await s.stop();
    expect(s.logger.lines.map((l) => l.message)).toContain(
      "Scheduler of plugin 'p' stopped without waiting for tasks still running after 200 ms; their locks expire after their timeouts",
    );
    finish();
  });

  it("stops scheduling a task when the task's own signal aborts", async () => {
    const s = scheduler();
    const controller = new AbortController();
    let runs = 0;
    let seen: AbortSignal | undefined;
    await s.scheduleTask({
      id: 'cancellable',
      scope: 'local',
      frequency: { milliseconds: 50 },
      timeout: 'PT1S',
      signal: controller.signal,
      fn: (signal) => {
        runs++;
        seen = signal;
      },
    });
    await until(() => runs >= 2, 'two runs');
    controller.abort();
    await sleep(50);
    const after = runs;
    await sleep(250);
    expect(runs).toBe(after);
    expect(seen?.aborted).toBe(false);
  });

  it('rejects a duplicate id and reports a failing run without stopping the schedule', async () => {
    const s = scheduler();
    let runs = 0;
    await s.scheduleTask({
      id: 'flaky',
      frequency: { milliseconds: 50 },
      timeout: 'PT1S',
      fn: () => {
        runs++;
        throw new Error('boom');
      },
    });
    await expect(s.scheduleTask({ id: 'flaky', frequency: 'PT1M', timeout: 'PT1M', fn: () => {} })).rejects.toThrow(
      "Task 'flaky' is already scheduled in plugin 'p'",
    );
    await until(() => runs >= 2, 'two failed runs');
    expect(s.logger.lines.find((l) => l.level === 'error')).toMatchObject({
      message: "Task 'flaky' failed: boom",
      meta: { task: 'flaky' },
    });
    const knex = await manager.forPlugin('p').getClient();
    await until(
      async () => (await knex('forklift_scheduler_tasks').where({ id: 'flaky' }).first()).last_run_error !== null,
      'the stored error',
    );
    expect(JSON.parse((await knex('forklift_scheduler_tasks').where({ id: 'flaky' }).first()).last_run_error)).toEqual({
      name: 'Error',
      message: 'boom',
    });
  });

  it('remembers the next run across a restart: no early re-run, and a due task runs once', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-sched-'));
    const config = new ConfigReader({ backend: { database: { connection: { directory } } } });
    const managers: DatabaseManager[] = [];
    const restart = async () => {
      const db = DatabaseManager.fromConfig(config);
      managers.push(db);
      const s = scheduler('p', { manager: db });
      await s.scheduleTask(task);
      return { db, s };
    };
    let runs = 0;
    const task = { id: 'hourly', frequency: { hours: 1 }, timeout: 'PT1M', fn: () => void runs++ };
    try {
      const first = await restart();
      await until(() => runs === 1, 'the first run');
      await first.s.stop();
      await first.db.close();

      const second = await restart();
      await sleep(300);
      expect(runs).toBe(1);
      await second.s.stop();
      // The slot came due (three times over) while no instance was running: the next start runs it once.
      await (
        await second.db.forPlugin('p').getClient()
      )('forklift_scheduler_tasks').update({ next_run_start_at: Date.now() - 3 * 3_600_000 });
      await second.db.close();

      const third = await restart();
      await until(() => runs === 2, 'the due run');
      await sleep(300);
      expect(runs).toBe(2);
      await third.s.stop();
    } finally {
      await Promise.all(managers.map((m) => m.close()));
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
