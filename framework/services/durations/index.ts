/** Durations: one reader for config keys, cache TTLs and scheduler schedules. */
export { parseDuration, durationForms, type DurationRules } from './parseDuration';
export { durationToMs, readDurationMs } from './readDuration';
