import type { Config, HumanDuration } from '../../api';
import { durationMs } from './cadence';
import { messageOf } from '../../wiring';

/** A duration from config: milliseconds, an ISO 8601 string or a duration object. */
export function readSchedulerDuration(config: Config, key: string, defaultMs: number): number {
  const value = config.getOptional(key);
  if (value === undefined) return defaultMs;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  try {
    return durationMs(value as string | HumanDuration).ms;
  } catch (error) {
    throw new TypeError(`Invalid value for config key '${key}': ${messageOf(error)}, or a number of milliseconds`);
  }
}
