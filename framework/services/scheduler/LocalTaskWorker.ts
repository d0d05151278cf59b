/** One local task: runs in this instance on its own clock, whatever other instances do. */
import { ConflictError, type LoggerService, type SchedulerServiceTaskFunction } from '../../api';
import { claimSlot, firstSlot } from './cadence';
import type { ParsedSchedule } from './parseSchedule';
import { runTaskFunction } from './runTaskFunction';
import { Waker } from './Waker';

export interface LocalTaskWorkerOptions {
  id: string;
  schedule: ParsedSchedule;
  fn: SchedulerServiceTaskFunction;
  logger: LoggerService;
  stop: AbortSignal;
}

export class LocalTaskWorker {
  readonly #waker = new Waker();
  #next: number | null;
  /** Set while a run is in progress; cancel() aborts it. */
  #currentRun?: AbortController;
  #triggered = false;

  readonly #options: LocalTaskWorkerOptions;

  constructor(options: LocalTaskWorkerOptions) {
    this.#options = options;
    this.#next = firstSlot(options.schedule.cadence, Date.now(), options.schedule.initialDelayMs);
  }

  async run(): Promise<void> {
    const { stop, schedule, id, fn, logger } = this.#options;
    while (!stop.aborted) {
      const now = Date.now();
      const due = this.#triggered || (this.#next !== null && this.#next <= now);
      if (!due) {
        await this.#waker.sleep(this.#next === null ? 2 ** 31 - 1 : this.#next - now, stop);
        continue;
      }
      let slot = now;
      // A manual trigger between slots leaves the schedule's grid as it was.
      if (this.#next !== null && this.#next <= now) ({ slot, next: this.#next } = claimSlot(schedule.cadence, this.#next, now));
      this.#triggered = false;
      const run = new AbortController();
      this.#currentRun = run;
      logger.debug(`Task '${id}' started`, { task: id, scope: 'local', slot: new Date(slot).toISOString() });
      try {
        await runTaskFunction({ id, fn, timeoutMs: schedule.timeoutMs, stop, cancel: run.signal, logger });
      } finally {
        this.#currentRun = undefined;
      }
    }
  }

  async trigger(): Promise<void> {
    if (this.#currentRun) {
      throw new ConflictError(`Task '${this.#options.id}' is currently running; trigger it again once it has finished`);
    }
    this.#triggered = true;
    this.#waker.wake();
  }

  /** Aborts the run in progress; the next run comes at the next slot, as if this one had ended. */
  async cancel(): Promise<void> {
    const run = this.#currentRun;
    if (!run) throw new ConflictError(`Task '${this.#options.id}' is not running; there is no run to cancel`);
    if (run.signal.aborted) throw new ConflictError(`Task '${this.#options.id}' was already cancelled; its run is still ending`);
    run.abort();
  }
}
