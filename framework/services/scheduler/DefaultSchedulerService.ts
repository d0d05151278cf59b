/**
 * One plugin's scheduler. Global tasks coordinate through the plugin's own database (see GlobalTaskWorker);
 * local tasks run in every instance. stop() aborts every run and waits for them up to a bound.
 */
import type { Knex } from 'knex';
import {
  ConflictError,
  NotFoundError,
  type DatabaseService,
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskDescriptor,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskRunner,
  type SchedulerServiceTaskScheduleDefinition,
} from '../../api';
import { GlobalTaskWorker } from './GlobalTaskWorker';
import { LocalTaskWorker } from './LocalTaskWorker';
import { parseSchedule, type ParsedSchedule } from './parseSchedule';
import { ensureTaskTable } from './taskTable';

export interface SchedulerOptions {
  pluginId: string;
  database: DatabaseService;
  logger: LoggerService;
  /** Longest wait between two looks at a global task's row (picks up triggers and expired locks). */
  pollingIntervalMs?: number;
  /** How long stop() waits for running tasks after aborting them. */
  shutdownTimeoutMs?: number;
}

interface ScheduledTask {
  descriptor: SchedulerServiceTaskDescriptor;
  worker: Promise<GlobalTaskWorker | LocalTaskWorker>;
  done: Promise<void>;
}

export const DEFAULT_POLLING_INTERVAL_MS = 5_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export class DefaultSchedulerService implements SchedulerService {
  readonly #tasks = new Map<string, ScheduledTask>();
  readonly #stopController = new AbortController();
  #knex?: Promise<Knex>;

  readonly #options: SchedulerOptions;

  constructor(options: SchedulerOptions) {
    this.#options = options;
  }

  async scheduleTask(task: SchedulerServiceTaskScheduleDefinition & SchedulerServiceTaskInvocationDefinition): Promise<void> {
    const label = `task '${task?.id}' of plugin '${this.#options.pluginId}'`;
    if (typeof task?.id !== 'string' || task.id.length === 0) {
      throw new TypeError(`scheduleTask in plugin '${this.#options.pluginId}' needs an id: a non-empty string`);
    }
    if (typeof task.fn !== 'function') throw new TypeError(`scheduleTask for ${label} needs fn: the function to run`);
    const schedule = parseSchedule(task, label);
    await this.#start(task, schedule);
  }

  createScheduledTaskRunner(schedule: SchedulerServiceTaskScheduleDefinition): SchedulerServiceTaskRunner {
    parseSchedule(schedule, `a task runner of plugin '${this.#options.pluginId}'`);
    return { run: (task) => this.scheduleTask({ ...schedule, ...task }) };
  }

  async triggerTask(id: string): Promise<void> {
    const task = this.#tasks.get(id);
    if (!task) throw new NotFoundError(`Task '${id}' is not scheduled in plugin '${this.#options.pluginId}'`);
    await (await task.worker).trigger();
  }

  /**
   * Aborts the task's run in progress (the signal its function got fires); the schedule goes on, so the next run
   * comes at the next slot. A global task's run is cancelled in whichever instance runs it. Throws NotFoundError
   * for an unknown id and ConflictError when no run is in progress.
   */
  async cancelTask(id: string): Promise<void> {
    const task = this.#tasks.get(id);
    if (!task) throw new NotFoundError(`Task '${id}' is not scheduled in plugin '${this.#options.pluginId}'`);
    await (await task.worker).cancel();
  }

  async getScheduledTasks(): Promise<SchedulerServiceTaskDescriptor[]> {
    return [...this.#tasks.values()].map((task) => task.descriptor);
  }

  /** Stops scheduling, aborts running tasks and waits for them up to the shutdown timeout. */
  async stop(): Promise<void> {
    this.#stopController.abort();
    const bound = this.#options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.all([...this.#tasks.values()].map((task) => task.done)).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), bound);
      }),
    ]);
    clearTimeout(timer);
    if (!finished) {
      this.#options.logger.warn(
        `Scheduler of plugin '${this.#options.pluginId}' stopped without waiting for tasks still running after ${bound} ms; their locks expire after their timeouts`,
      );
    }
  }

  #start(task: SchedulerServiceTaskInvocationDefinition, schedule: ParsedSchedule): Promise<unknown> {
    const { id, fn } = task;
    if (this.#stopController.signal.aborted) {
      throw new Error(`Cannot schedule task '${id}': the scheduler of plugin '${this.#options.pluginId}' has stopped`);
    }
    if (this.#tasks.has(id)) throw new ConflictError(`Task '${id}' is already scheduled in plugin '${this.#options.pluginId}'`);

    // The task stops on scheduler shutdown and when its own signal aborts.
    const taskStop = new AbortController();
    const abortTask = () => taskStop.abort();
    this.#stopController.signal.addEventListener('abort', abortTask, { once: true });
    task.signal?.addEventListener('abort', abortTask, { once: true });
    if (task.signal?.aborted) abortTask();

    const logger = this.#options.logger.child({ task: id });
    const descriptor: SchedulerServiceTaskDescriptor = { id, scope: schedule.scope, settings: schedule.settings };
    const worker: Promise<GlobalTaskWorker | LocalTaskWorker> =
      schedule.scope === 'local'
        ? Promise.resolve(new LocalTaskWorker({ id, schedule, fn, logger, stop: taskStop.signal }))
        : this.#client().then(async (knex) => {
            const global = new GlobalTaskWorker({
              knex,
              id,
              schedule,
              fn,
              logger,
              pollingIntervalMs: this.#options.pollingIntervalMs ?? DEFAULT_POLLING_INTERVAL_MS,
              stop: taskStop.signal,
            });
            await global.register();
            return global;
          });
    const done = worker.then(
      (w) => w.run(),
      () => {
        // scheduleTask() reports the failure; forget the task so it can be scheduled again.
        this.#tasks.delete(id);
      },
    );
    this.#tasks.set(id, { descriptor, worker, done });
    return worker;
  }

  #client(): Promise<Knex> {
    if (!this.#knex) {
      this.#knex = (async () => {
        const knex = await this.#options.database.getClient();
        await ensureTaskTable(knex);
        return knex;
      })();
      this.#knex.catch(() => {
        this.#knex = undefined;
      });
    }
    return this.#knex;
  }
}
