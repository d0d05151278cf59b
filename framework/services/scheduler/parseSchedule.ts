import type { SchedulerServiceTaskDescriptor, SchedulerServiceTaskScheduleDefinition } from '../../api';
import { type Cadence, describeCadence, durationMs, parseCadence } from './cadence';
import { messageOf } from '../../wiring';

export interface ParsedSchedule {
  cadence: Cadence;
  timeoutMs: number;
  initialDelayMs?: number;
  scope: 'global' | 'local';
  /** What getScheduledTasks() reports; also stored with a global task to detect a changed schedule. */
  settings: SchedulerServiceTaskDescriptor['settings'];
}

const FREQUENCY_HELP =
  "use { cron: '*/5 * * * *' }, an ISO 8601 duration ('PT5M'), a duration object ({ minutes: 5 }) or { trigger: 'manual' }";

/** Validates a schedule up front, so a mistake fails scheduleTask() with the task id instead of a later run. */
export function parseSchedule(schedule: SchedulerServiceTaskScheduleDefinition, label: string): ParsedSchedule {
  if (!schedule || typeof schedule !== 'object') throw new TypeError(`${label} needs a schedule object with frequency and timeout`);
  let cadence: Cadence;
  try {
    if (schedule.frequency === undefined) throw new Error('it is missing');
    cadence = parseCadence(schedule.frequency);
  } catch (error) {
    throw new TypeError(`Invalid frequency for ${label}: ${messageOf(error)}; ${FREQUENCY_HELP}`);
  }
  const readDuration = (value: unknown, what: string) => {
    try {
      return durationMs(value as string);
    } catch (error) {
      throw new TypeError(`Invalid ${what} for ${label}: ${messageOf(error)}`);
    }
  };
  if (schedule.timeout === undefined) {
    throw new TypeError(`Missing timeout for ${label}: give the longest a run may take, e.g. { minutes: 10 } or 'PT10M'`);
  }
  const timeout = readDuration(schedule.timeout, 'timeout');
  const initialDelay = schedule.initialDelay === undefined ? undefined : readDuration(schedule.initialDelay, 'initialDelay');
  const scope = schedule.scope ?? 'global';
  if (scope !== 'global' && scope !== 'local') {
    throw new TypeError(
      `Invalid scope for ${label}: '${String(scope)}'; use 'global' (one instance runs each slot) or 'local' (every instance)`,
    );
  }
  return {
    cadence,
    timeoutMs: timeout.ms,
    initialDelayMs: initialDelay?.ms,
    scope,
    settings: {
      version: 1,
      cadence: describeCadence(cadence),
      timeoutAfterDuration: timeout.iso,
      ...(initialDelay ? { initialDelayDuration: initialDelay.iso } : {}),
    },
  };
}
