import { Duration } from 'luxon';
import type { HumanDuration } from '../../api';
import { messageOf } from '../../wiring';

/** A TTL in milliseconds from a number of milliseconds or a duration object. */
export function ttlToMs(ttl: number | HumanDuration, where: string): number {
  let ms: number | undefined;
  if (typeof ttl === 'number') {
    ms = ttl;
  } else if (typeof ttl === 'object' && ttl !== null && !Array.isArray(ttl)) {
    try {
      ms = Duration.fromObject(ttl).toMillis();
    } catch (error) {
      throw new TypeError(
        `Invalid ${where} ${JSON.stringify(ttl)}: ${messageOf(error)}; use milliseconds (5000) or a duration object ({ seconds: 5 })`,
      );
    }
  }
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) {
    throw new TypeError(
      `Invalid ${where} ${JSON.stringify(ttl)}: use a positive number of milliseconds (5000) or a duration object ({ seconds: 5 })`,
    );
  }
  // Redis PX takes whole milliseconds; never round a tiny TTL down to "no expiry".
  return Math.max(1, Math.round(ms));
}
