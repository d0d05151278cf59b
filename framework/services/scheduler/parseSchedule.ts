import type { SchedulerServiceTaskDescriptor, SchedulerServiceTaskScheduleDefinition } from '../../api';
import { messageOf } from '../../wiring';
import { durationForms } from '../durations';
import { type Cadence, describeCadence, parseCadence, scheduleDuration } from './cadence';

export interface ParsedSchedule {
  cadence: Cadence;
  timeoutMs: number;
  initialDelayMs?: number;
  scope: 'global' | 'local';
  /** What getScheduledTasks() reports; also stored with a global task to detect a changed schedule. */
  settings: SchedulerServiceTaskDescriptor['settings'];
}

const FREQUENCY_HELP = `use { cron: '*/5 * * * *' }, { trigger: 'manual' } or a duration: ${durationForms()}`;

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
      return scheduleDuration(value);
    } catch (error) {
      throw new TypeError(`Invalid ${what} for ${label}: ${messageOf(error)}; use ${durationForms()}`);
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
