import { ConflictError, NotFoundError } from '../../../../framework/api';
import { DatabaseManager } from '../../../../framework/services/database';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { DefaultSchedulerService } from '../../../../framework/services/scheduler';
import { captureLogger } from '../../../support/logCapture';
import { until } from '../../../support/until';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task function that records each run and waits for its signal, then throws its reason, as fetch and knex do. */
function abortableTask() {
  const runs: Array<{ signal: AbortSignal; ended: Promise<string> }> = [];
  const fn = (signal: AbortSignal) => {
    let settle!: (reason: string) => void;
    const ended = new Promise<string>((resolve) => (settle = resolve));
    runs.push({ signal, ended });
    return new Promise<void>((_resolve, reject) => {
      signal.addEventListener('abort', () => {
        settle(`${signal.reason.name}: ${signal.reason.message}`);
        reject(signal.reason);
      });
    });
  };
  return { runs, fn };
}

describe('scheduler.cancelTask on SQLite', () => {
  let manager: DatabaseManager;
  let scheduler: DefaultSchedulerService;
  let logger: ReturnType<typeof captureLogger>;

  beforeEach(() => {
    manager = DatabaseManager.fromConfig(new ConfigReader({}));
    logger = captureLogger();
    scheduler = new DefaultSchedulerService({
      pluginId: 'p',
      database: manager.forPlugin('p'),
      logger,
      pollingIntervalMs: 100,
      shutdownTimeoutMs: 2000,
    });
  });
  afterEach(async () => {
    await scheduler.stop();
    await manager.close();
  });

  it.each(['local', 'global'] as const)(
    'aborts the running %s run, keeps the task scheduled, and runs it again only at its next slot',
    async (scope) => {
      const task = abortableTask();
      // The first slot is now, the next one a minute later.
      await scheduler.scheduleTask({ id: 'sync', scope, frequency: { minutes: 1 }, timeout: { minutes: 5 }, fn: task.fn });
      await until(() => task.runs.length === 1, 'the first run');

      await scheduler.cancelTask('sync');
      expect(await task.runs[0].ended).toBe("AbortError: Task 'sync' was cancelled");
      // Not a failure: logged as information, not as an error.
      expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(logger.lines.map((l) => l.message)).toContain("Task 'sync' ended after it was cancelled: Task 'sync' was cancelled");

      // No run after the cancelled one until the next slot; the task is still listed.
      await sleep(400);
      expect(task.runs).toHaveLength(1);
      expect((await scheduler.getScheduledTasks()).map((t) => t.id)).toEqual(['sync']);
      await expect(scheduler.cancelTask('sync')).rejects.toThrow(ConflictError);
      await expect(scheduler.cancelTask('sync')).rejects.toThrow("Task 'sync' is not running; there is no run to cancel");

      // A trigger runs it again at once: cancelling did not leave it locked.
      await scheduler.triggerTask('sync');
      await until(() => task.runs.length === 2, 'the triggered run');
      expect(task.runs[1].signal.aborted).toBe(false);
    },
  );

  it('records the cancellation of a global run in the task table and frees it without moving the next slot', async () => {
    const task = abortableTask();
    await scheduler.scheduleTask({ id: 'reindex', frequency: { hours: 1 }, timeout: { minutes: 5 }, fn: task.fn });
    await until(() => task.runs.length === 1, 'the first run');
    const knex = await manager.forPlugin('p').getClient();
    const claimed = await knex('forklift_scheduler_tasks').where({ id: 'reindex' }).first();
    expect(claimed.current_run_ticket).not.toBeNull();

    await scheduler.cancelTask('reindex');
    await task.runs[0].ended;
    const row = await knex('forklift_scheduler_tasks').where({ id: 'reindex' }).first();
    expect(row).toMatchObject({ current_run_ticket: null, current_run_started_at: null, current_run_expires_at: null });
    expect(JSON.parse(row.last_run_error)).toEqual({ name: 'AbortError', message: "Task 'reindex' was cancelled" });
    expect(Number(row.last_run_ended_at)).toBeGreaterThan(0);
    expect(Number(row.next_run_start_at)).toBe(Number(claimed.next_run_start_at));
    expect(Number(row.next_run_start_at)).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('a run that ignores the signal keeps going, and a second cancel says so', async () => {
    let finish!: () => void;
    let started = 0;
    await scheduler.scheduleTask({
      id: 'stubborn',
      scope: 'local',
      frequency: { trigger: 'manual' },
      timeout: { minutes: 1 },
      // The first run ignores its signal; later ones return at once.
      fn: () => {
        started++;
        return started === 1 ? new Promise<void>((resolve) => (finish = resolve)) : undefined;
      },
    });
    await scheduler.triggerTask('stubborn');
    await until(() => started === 1, 'the run');
    await scheduler.cancelTask('stubborn');
    await expect(scheduler.cancelTask('stubborn')).rejects.toThrow("Task 'stubborn' was already cancelled; its run is still ending");
    // Still in progress, so it cannot be triggered until it returns.
    await expect(scheduler.triggerTask('stubborn')).rejects.toThrow(ConflictError);
    finish();
    await until(
      () =>
        scheduler.triggerTask('stubborn').then(
          () => true,
          () => false,
        ),
      'the run to end',
    );
    await until(() => started === 2, 'the next triggered run');
  });

  it('refuses an unknown id and a task that is waiting for its slot', async () => {
    await expect(scheduler.cancelTask('nope')).rejects.toThrow(NotFoundError);
    await expect(scheduler.cancelTask('nope')).rejects.toThrow("Task 'nope' is not scheduled in plugin 'p'");
    await scheduler.scheduleTask({ id: 'later', frequency: { trigger: 'manual' }, timeout: 'PT1M', fn: () => {} });
    await expect(scheduler.cancelTask('later')).rejects.toThrow("Task 'later' is not running; there is no run to cancel");
  });
});
