import type { Config } from '../../api';
import { messageOf } from '../../wiring';
import { durationForms, parseDuration, type DurationRules } from './parseDuration';

/** Milliseconds of a duration; a wrong value fails with `where` (e.g. "config key 'x'") in the message. */
export function durationToMs(value: unknown, where: string, rules: DurationRules): number {
  try {
    return parseDuration(value, rules).toMillis();
  } catch (error) {
    throw new TypeError(`Invalid duration for ${where}: ${messageOf(error)}; use ${durationForms(rules)}`);
  }
}

/**
 * The duration at a config key in milliseconds, or `defaultMs` when the key is not set. Config durations take
 * a number of milliseconds too.
 */
export function readDurationMs(
  config: Config,
  key: string,
  defaultMs: number,
  rules: Omit<DurationRules, 'numbersAreMilliseconds'> = {},
): number {
  const value = config.getOptional(key);
  return value === undefined ? defaultMs : durationToMs(value, `config key '${key}'`, { ...rules, numbersAreMilliseconds: true });
}
