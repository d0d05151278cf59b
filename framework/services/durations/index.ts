/**
 * Durations in config (`backend.lifecycle.*Timeout` and friends), read as milliseconds. Accepted forms:
 * a number of milliseconds, a duration object (`{ seconds: 5 }`), an ISO 8601 duration (`PT5S`) or a
 * short string (`500ms`, `5s`, `2m`, `1h`).
 */
import { Duration } from 'luxon';
import type { Config, HumanDuration } from '../../api';

const SHORT = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const HUMAN_KEYS = new Set(['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds']);

export function durationToMs(value: unknown, where: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
  } else if (typeof value === 'string') {
    const short = SHORT.exec(value.trim());
    if (short) return Number(short[1]) * UNIT_MS[short[2]];
    const iso = Duration.fromISO(value.trim());
    if (iso.isValid) return iso.toMillis();
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const bad = entries.find(([k, v]) => !HUMAN_KEYS.has(k) || typeof v !== 'number');
    if (!bad && entries.length > 0) return Duration.fromObject(value as HumanDuration).toMillis();
  }
  throw new TypeError(
    `Invalid duration for ${where}: got ${JSON.stringify(value)}; use milliseconds (5000), an object ({ seconds: 5 }), ISO 8601 ('PT5S') or '5s'`,
  );
}

/** The duration at `key` in milliseconds, or `defaultMs` when the key is not set. */
export function readDurationMs(config: Config, key: string, defaultMs: number): number {
  const value = config.getOptional(key);
  return value === undefined ? defaultMs : durationToMs(value, `config key '${key}'`);
}
