/**
 * One global task in one backend instance. Every instance runs this loop against the same row; an atomic
 * UPDATE decides which instance runs each slot, and the claim stores the next slot at the same time.
 */
import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError, type LoggerService, type SchedulerServiceTaskFunction } from '../../api';
import { claimSlot, firstSlot } from './cadence';
import type { ParsedSchedule } from './parseSchedule';
import { cancelledError, runTaskFunction } from './runTaskFunction';
import { TASKS_TABLE, nowSql, type TaskRow } from './taskTable';
import { Waker } from './Waker';
import { messageOf } from '../../wiring';

export interface GlobalTaskWorkerOptions {
  knex: Knex;
  id: string;
  schedule: ParsedSchedule;
  fn: SchedulerServiceTaskFunction;
  logger: LoggerService;
  pollingIntervalMs: number;
  stop: AbortSignal;
}

const toNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export class GlobalTaskWorker {
  readonly #waker = new Waker();
  readonly #now: string;
  /** The run this instance holds, if any; cancel() from this instance aborts it without waiting for a poll. */
  #currentRun?: { ticket: string; cancel: AbortController };

  readonly #options: GlobalTaskWorkerOptions;

  constructor(options: GlobalTaskWorkerOptions) {
    this.#options = options;
    this.#now = nowSql(options.knex);
  }

  /**
   * Creates the task's row, or keeps the stored next run when the schedule is unchanged, so a restart neither
   * runs a task early again nor skips one that is due.
   */
  async register(): Promise<void> {
    const { knex, id, schedule } = this.#options;
    const [{ now }] = await knex.select(knex.raw(`${this.#now} as now`));
    const settingsJson = JSON.stringify(schedule.settings);
    await knex(TASKS_TABLE)
      .insert({ id, settings_json: settingsJson, next_run_start_at: firstSlot(schedule.cadence, Number(now), schedule.initialDelayMs) })
      .onConflict('id')
      .merge({
        next_run_start_at: knex.raw(
          `CASE WHEN ??.settings_json = excluded.settings_json THEN ??.next_run_start_at ELSE excluded.next_run_start_at END`,
          [TASKS_TABLE, TASKS_TABLE],
        ),
        settings_json: knex.raw('excluded.settings_json'),
      });
  }

  /** The loop; resolves once stopped and the current run (if any) has finished. */
  async run(): Promise<void> {
    const { stop, logger, id, pollingIntervalMs } = this.#options;
    while (!stop.aborted) {
      let waitMs: number;
      try {
        waitMs = await this.#step();
      } catch (error) {
        if (stop.aborted) break;
        logger.warn(`Scheduler could not check task '${id}': ${messageOf(error)}`);
        waitMs = pollingIntervalMs;
      }
      await this.#waker.sleep(waitMs, stop);
    }
  }

  /** Makes the task due now in every instance; whichever instance claims it first runs it. */
  async trigger(): Promise<void> {
    const { knex, id } = this.#options;
    const updated = await knex(TASKS_TABLE)
      .where({ id })
      .where((q) => q.whereNull('current_run_ticket').orWhere('current_run_expires_at', '<', knex.raw(this.#now)))
      .update({ next_run_start_at: knex.raw(this.#now) });
    if (updated === 0) {
      const exists = await knex(TASKS_TABLE).where({ id }).first('id');
      if (!exists) throw new NotFoundError(`Task '${id}' is not scheduled`);
      throw new ConflictError(`Task '${id}' is currently running; trigger it again once it has finished`);
    }
    this.#waker.wake();
  }

  /**
   * Cancels the run in progress, in whichever instance holds it: the claim is dropped from the row (so the
   * task counts as not running and its last error says it was cancelled) and the holder sees that at its next
   * look and aborts the run's signal. The next run stays at the slot stored when the run was claimed.
   */
  async cancel(): Promise<void> {
    const { knex, id } = this.#options;
    const row: Pick<TaskRow, 'current_run_ticket'> | undefined = await knex(TASKS_TABLE).where({ id }).first('current_run_ticket');
    if (!row) throw new NotFoundError(`Task '${id}' is not scheduled`);
    const ticket = row.current_run_ticket;
    if (ticket === null) throw new ConflictError(`Task '${id}' is not running; there is no run to cancel`);
    const updated = await this.#release(ticket, cancelledError(id));
    if (updated === 0) throw new ConflictError(`Task '${id}' is not running; its run ended before it could be cancelled`);
    if (this.#currentRun?.ticket === ticket) this.#currentRun.cancel.abort();
  }

  /** One look at the row: claims and runs the task when due. Returns how long to wait before looking again. */
  async #step(): Promise<number> {
    const { knex, id, schedule, pollingIntervalMs } = this.#options;
    const row: (TaskRow & { db_now: unknown }) | undefined = await knex(TASKS_TABLE)
      .where({ id })
      .first('*', knex.raw(`${this.#now} as db_now`));
    if (!row) {
      // Someone removed the row (e.g. a cleanup); put it back with a fresh schedule.
      await this.register();
      return 0;
    }
    const now = Number(row.db_now);
    const due = toNumber(row.next_run_start_at);
    const expiresAt = toNumber(row.current_run_expires_at);
    if (due === null) return pollingIntervalMs;
    if (due > now) return Math.min(due - now, pollingIntervalMs);
    if (row.current_run_ticket !== null && expiresAt !== null && expiresAt >= now) {
      return Math.min(expiresAt - now + 1, pollingIntervalMs);
    }

    const ticket = randomUUID();
    const { slot, next } = claimSlot(schedule.cadence, due, now);
    const claimed = await knex(TASKS_TABLE)
      .where({ id, next_run_start_at: due })
      .whereRaw(`next_run_start_at <= ${this.#now}`)
      .where((q) => q.whereNull('current_run_ticket').orWhere('current_run_expires_at', '<', knex.raw(this.#now)))
      .update({
        current_run_ticket: ticket,
        current_run_started_at: knex.raw(this.#now),
        current_run_expires_at: knex.raw(`${this.#now} + ?`, [Math.round(schedule.timeoutMs)]),
        next_run_start_at: next,
      });
    if (claimed !== 1) return 0; // another instance won this slot; look at the new row right away

    await this.#runClaimed(ticket, { dueSince: due, slot, claimedAt: now });
    return 0;
  }

  /**
   * The started line says why this slot ran: the task was due since `dueSince`, and the look at `claimedAt`
   * (database time) took the latest slot due by then. Slots between the two were missed by every instance.
   */
  async #runClaimed(ticket: string, times: { dueSince: number; slot: number; claimedAt: number }): Promise<void> {
    const { id, fn, schedule, logger, stop } = this.#options;
    const iso = (time: number) => new Date(time).toISOString();
    logger.debug(`Task '${id}' started`, {
      task: id,
      scope: 'global',
      slot: iso(times.slot),
      dueSince: iso(times.dueSince),
      claimedAt: iso(times.claimedAt),
      ticket,
    });
    const cancel = new AbortController();
    this.#currentRun = { ticket, cancel };
    const watch = this.#watchClaim(ticket, cancel);
    let error: Error | undefined;
    try {
      error = await runTaskFunction({ id, fn, timeoutMs: schedule.timeoutMs, stop, cancel: cancel.signal, logger });
    } finally {
      this.#currentRun = undefined;
      watch.stop();
    }
    try {
      await this.#release(ticket, error);
    } catch (releaseError) {
      // The lock then simply expires after the task's timeout.
      logger.warn(`Scheduler could not release task '${id}': ${messageOf(releaseError)}`);
    }
  }

  /**
   * Ends the run that holds `ticket` and records how it ended. Only that claim is released: after a timeout
   * another instance may hold the task by now. Resolves to the number of rows released (0 or 1).
   */
  #release(ticket: string, error: Error | undefined): Promise<number> {
    const { knex, id } = this.#options;
    return knex(TASKS_TABLE)
      .where({ id, current_run_ticket: ticket })
      .update({
        current_run_ticket: null,
        current_run_started_at: null,
        current_run_expires_at: null,
        last_run_ended_at: knex.raw(this.#now),
        last_run_error: error ? JSON.stringify({ name: error.name, message: error.message }) : null,
      });
  }

  /**
   * Looks at the row every polling interval while a run is in progress: when the claim is gone (cancelTask() in
   * any instance cleared it), the run's signal aborts. A failed look changes nothing; the next one decides.
   */
  #watchClaim(ticket: string, cancel: AbortController): { stop(): void } {
    const { knex, id, logger, pollingIntervalMs } = this.#options;
    let looking = false;
    const timer = setInterval(() => {
      if (looking || cancel.signal.aborted) return;
      looking = true;
      knex(TASKS_TABLE)
        .where({ id })
        .first('current_run_ticket')
        .then((row: Pick<TaskRow, 'current_run_ticket'> | undefined) => {
          if (row?.current_run_ticket === ticket || cancel.signal.aborted) return;
          logger.info(`Task '${id}' lost its claim (cancelled, possibly in another instance); aborting its run here`);
          cancel.abort();
        })
        .catch((error: unknown) => logger.warn(`Scheduler could not check whether task '${id}' was cancelled: ${messageOf(error)}`))
        .finally(() => {
          looking = false;
        });
    }, pollingIntervalMs);
    return { stop: () => clearInterval(timer) };
  }
}
