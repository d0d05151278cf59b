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

export interface TestDatabase {
  name: string;
  /** The connection string of the test server with this database in place of its own. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A new database of its own on the test PostgreSQL, for code that keeps tables in whatever database it is given
 * (such as the postgres events engine): not the server's shared database, where a parallel run's tables are.
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  // Loaded here: most suites that import this file never talk to PostgreSQL.
  const { Client } = await import('pg');
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
