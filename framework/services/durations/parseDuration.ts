/**
 * The one reading of a duration in Forklift: config keys, cache TTLs and scheduler schedules all come here,
 * so `'5s'`, `'PT5S'` and `{ seconds: 5 }` mean the same thing wherever they are written.
 */
import { Duration } from 'luxon';

export interface DurationRules {
  /**
   * A bare number is a number of milliseconds. Only where the setting says so (config keys documented as
   * "milliseconds or a duration", a cache TTL); elsewhere (a task's frequency) a number is refused as ambiguous.
   */
  numbersAreMilliseconds?: boolean;
  /** Zero is refused unless the setting allows it (a pause of 0 means "no pause"; an interval of 0 is a mistake). */
  allowZero?: boolean;
}

/** The accepted forms, for error messages: each caller adds what it is reading. */
export function durationForms(rules: DurationRules = {}): string {
  const forms = "an ISO 8601 duration ('PT5S'), a short string ('500ms', '5s', '2m', '1h', '1d') or a duration object ({ seconds: 5 })";
  return rules.numbersAreMilliseconds ? `milliseconds (5000), ${forms}` : forms;
}

const SHORT = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const SHORT_UNITS = { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours', d: 'days' } as const;
const OBJECT_UNITS = new Set(['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds']);

/** A luxon Duration, also one made by another copy of luxon (Backstage's scheduler types take those). */
function isLuxonDuration(value: unknown): value is { toObject(): Record<string, number> } {
  return Duration.isDuration(value) || (value as { isLuxonDuration?: unknown } | null)?.isLuxonDuration === true;
}

function fromValue(value: unknown, rules: DurationRules): Duration | undefined {
  if (typeof value === 'number') {
    return rules.numbersAreMilliseconds && Number.isFinite(value) ? Duration.fromMillis(value) : undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const short = SHORT.exec(text);
    if (short) return Duration.fromObject({ [SHORT_UNITS[short[2] as keyof typeof SHORT_UNITS]]: Number(short[1]) });
    return Duration.fromISO(text);
  }
  if (isLuxonDuration(value)) return Duration.fromObject(value.toObject());
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const valid = entries.length > 0 && entries.every(([unit, n]) => OBJECT_UNITS.has(unit) && typeof n === 'number' && Number.isFinite(n));
    return valid ? Duration.fromObject(value) : undefined;
  }
  return undefined;
}

/**
 * Reads one duration, or throws an Error saying what is wrong with the value; the caller adds which setting it
 * was and the accepted forms (`durationForms`).
 */
export function parseDuration(value: unknown, rules: DurationRules = {}): Duration {
  const duration = fromValue(value, rules);
  if (!duration || !duration.isValid) {
    throw new Error(`${JSON.stringify(value)} is not a duration`);
  }
  const ms = duration.toMillis();
  if (!Number.isFinite(ms) || ms < 0 || (ms === 0 && !rules.allowZero)) {
    throw new Error(`${JSON.stringify(value)} must be ${rules.allowZero ? 'zero or longer' : 'longer than zero'}`);
  }
  return duration;
}
