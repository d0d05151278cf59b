/**
 * When a task runs. Slots stay on the cadence's grid: a run that starts late does not shift later runs, and
 * after downtime the missed slots collapse into one run instead of a burst.
 */
import type { SchedulerServiceTaskFrequency } from '../../api';
import { messageOf } from '../../wiring';
import { parseDuration } from '../durations';

// cron-parser is loaded by the first cron schedule, not at import: most backends never schedule one.
function loadCronParser(): typeof import('cron-parser') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return require('cron-parser');
}

export type Cadence = { kind: 'cron'; expression: string } | { kind: 'interval'; ms: number; iso: string } | { kind: 'manual' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A schedule's duration (frequency, timeout, initial delay) in milliseconds and as ISO 8601, the form
 * getScheduledTasks() reports. A bare number is refused: nothing in a schedule says what unit it would be.
 */
export function scheduleDuration(value: unknown): { ms: number; iso: string } {
  const duration = parseDuration(value);
  return { ms: duration.toMillis(), iso: duration.toISO() ?? String(value) };
}

export function parseCadence(frequency: SchedulerServiceTaskFrequency): Cadence {
  if (isPlainObject(frequency) && 'trigger' in frequency) {
    if (frequency.trigger !== 'manual') throw new Error(`unknown trigger ${JSON.stringify(frequency.trigger)}`);
    return { kind: 'manual' };
  }
  if (isPlainObject(frequency) && 'cron' in frequency) {
    const expression = frequency.cron;
    if (typeof expression !== 'string') throw new Error('cron must be a string such as "*/5 * * * *"');
    try {
      loadCronParser().parseExpression(expression, { tz: 'UTC' });
    } catch (error) {
      throw new Error(`cron expression '${expression}' is invalid (${messageOf(error)})`);
    }
    return { kind: 'cron', expression };
  }
  const { ms, iso } = scheduleDuration(frequency);
  return { kind: 'interval', ms, iso };
}

export function describeCadence(cadence: Cadence): string {
  return cadence.kind === 'cron' ? cadence.expression : cadence.kind === 'interval' ? cadence.iso : 'manual';
}

// Cron expressions are read in UTC so that instances in different time zones agree on every slot.
function cronAfter(expression: string, time: number): number {
  return loadCronParser()
    .parseExpression(expression, { currentDate: new Date(time), tz: 'UTC' })
    .next()
    .getTime();
}

function cronAtOrBefore(expression: string, time: number): number {
  return loadCronParser()
    .parseExpression(expression, { currentDate: new Date(time + 1), tz: 'UTC' })
    .prev()
    .getTime();
}

/** The first slot of a newly registered task, or null when it only runs on demand. */
export function firstSlot(cadence: Cadence, now: number, initialDelayMs: number | undefined): number | null {
  const earliest = now + (initialDelayMs ?? 0);
  switch (cadence.kind) {
    case 'manual':
      return null;
    case 'interval':
      return earliest;
    case 'cron':
      return cronAfter(cadence.expression, earliest - 1);
  }
}

export interface Claim {
  /** The slot this run stands for: the latest one already due (missed slots collapse into one run). */
  slot: number;
  /** The first slot after now, or null when the task only runs on demand. */
  next: number | null;
}

/** What a run claimed at `now` for a task due since `due` covers, and when the task is due next. */
export function claimSlot(cadence: Cadence, due: number, now: number): Claim {
  switch (cadence.kind) {
    case 'manual':
      return { slot: due, next: null };
    case 'interval': {
      const slot = due + Math.max(0, Math.floor((now - due) / cadence.ms)) * cadence.ms;
      return { slot, next: slot + cadence.ms };
    }
    case 'cron':
      return { slot: Math.max(due, cronAtOrBefore(cadence.expression, now)), next: cronAfter(cadence.expression, Math.max(due, now)) };
  }
}
