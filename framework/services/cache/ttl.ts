import { durationToMs } from '../durations';

/** A TTL in milliseconds: a number is milliseconds (as in Backstage's cache API); any duration form works too. */
export function ttlToMs(ttl: unknown, where: string): number {
  const ms = durationToMs(ttl, where, { numbersAreMilliseconds: true });
  // Redis PX takes whole milliseconds; never round a tiny TTL down to "no expiry".
  return Math.max(1, Math.round(ms));
}
