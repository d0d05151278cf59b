/**
 * Real PostgreSQL and Redis for tests. CI sets FORKLIFT_TEST_POSTGRES / FORKLIFT_TEST_REDIS; without them the
 * suites that need them are skipped with a visible message rather than silently passing.
 */
import { randomBytes } from 'crypto';

export const postgresUrl = process.env.FORKLIFT_TEST_POSTGRES;
export const redisUrl = process.env.FORKLIFT_TEST_REDIS;

function describeWith(envName: string, value: string | undefined) {
  return (name: string, fn: () => void) => {
    if (value) {
      describe(name, fn);
    } else {
      describe(name, () => {
        it.skip(`skipped: set ${envName} to run against the real service`, () => {});
      });
      console.warn(`[forklift tests] SKIPPED '${name}': ${envName} is not set`);
    }
  };
}

export const describeWithPostgres = describeWith('FORKLIFT_TEST_POSTGRES', postgresUrl);
export const describeWithRedis = describeWith('FORKLIFT_TEST_REDIS', redisUrl);

/** A name no other test run on this machine uses (databases, schemas, key prefixes), so suites stay parallel-safe. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
