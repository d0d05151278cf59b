/**
 * knex migrations through the database service when several instances of a backend share one PostgreSQL
 * database: one instance migrates at a time under an advisory lock, the others wait (one log line each) and go
 * on when it is done, and a knex lock row left behind by a dead instance no longer blocks anyone.
 *
 * Every "instance" is its own DatabaseManager (own knex clients and connections), as separate processes would
 * have; test/framework/services/database/replicas.postgres.test.ts does the same with real processes.
 */
import knexFactory, { type Knex } from 'knex';
import { DatabaseManager } from '../../../../framework/services/database';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { captureLogger, type LogLine } from '../../../support/logCapture';
import { describeWithPostgres, postgresUrl, uniqueName } from '../../../support/realServices';

const WAITING = /^Another instance is running the migrations of plugin '(\w+)'/;
const CLEARED = /^Cleared the knex migration lock of plugin '(\w+)' \(([\w.]+)\): (.*), left by an instance/;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Log lines of every instance, and a promise for the moment `count` lines match `pattern`. */
function logBook() {
  const lines: LogLine[] = [];
  const watchers: Array<{ pattern: RegExp; count: number; resolve: () => void }> = [];
  const matching = (pattern: RegExp) => lines.filter((l) => pattern.test(l.message));
  const onLine = () => {
    for (const w of [...watchers]) {
      if (matching(w.pattern).length >= w.count) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  return {
    lines,
    matching,
    logger: (instance: string) => captureLogger(lines, { instance }, onLine),
    seen(pattern: RegExp, count = 1): Promise<void> {
      if (matching(pattern).length >= count) return Promise.resolve();
      return new Promise((resolve) => watchers.push({ pattern, count, resolve }));
    },
  };
}

/** Migrations that record each run of `001` in a table, so a test can count how often it really ran. */
function recordingSource(
  options: { during001?: () => Promise<void>; extra?: string[]; transaction?: boolean } = {},
): Knex.MigrationSource<string> {
  const names = ['001_create_runs', ...(options.extra ?? [])];
  return {
    getMigrations: async () => names,
    getMigrationName: (name) => name,
    getMigration: async (name) => ({
      async up(knex: Knex) {
        if (name === '001_create_runs') {
          // Re-runnable, as a migration that may run without a transaction should be.
          if (!(await knex.schema.hasTable('runs'))) await knex.schema.createTable('runs', (t) => t.increments('id'));
          await knex('runs').insert({});
          await options.during001?.();
        } else {
          await knex.schema.createTable(name, (t) => t.increments('id'));
        }
      },
      async down() {},
      config: { transaction: options.transaction ?? true },
    }),
  };
}

describeWithPostgres('knex migrations through the database service, many instances on one PostgreSQL', () => {
  let admin: Knex;
  const databases: string[] = [];
  const managers: DatabaseManager[] = [];

  beforeAll(() => {
    admin = knexFactory({ client: 'pg', connection: postgresUrl, pool: { min: 0, max: 2 } });
  });

  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
  });

  afterAll(async () => {
    for (const name of databases) await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    await admin.destroy();
  });

  /** A fresh prefix (so a fresh database for each plugin) and a way to start instances on it. */
  function cluster(database: Record<string, unknown> = {}) {
    const prefix = `${uniqueName('fkmig')}_`;
    const config = new ConfigReader({ backend: { database: { client: 'pg', connection: postgresUrl!, prefix, ...database } } } as never);
    const book = logBook();
    const instance = (name: string, pluginId = 'notes') => {
      const manager = DatabaseManager.fromConfig(config);
      managers.push(manager);
      databases.push(`${prefix}${pluginId}`);
      return manager.forPlugin(pluginId, { logger: book.logger(name) });
    };
    return { prefix, book, instance };
  }

  /** A plain knex client on a plugin's database, outside the database service (as `knex migrate` would be). */
  function plainClient(database: string): Knex {
    const url = new URL(postgresUrl!);
    url.pathname = `/${database}`;
    // Quiet: its "Can't take lock" warnings are the expected outcome here, not news for the test log.
    const quiet = () => {};
    const knex = knexFactory({
      client: 'pg',
      connection: url.toString(),
      pool: { min: 0, max: 1 },
      log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
    });
    plainClients.push(knex);
    return knex;
  }
  const plainClients: Knex[] = [];
  afterEach(async () => {
    await Promise.all(plainClients.splice(0).map((k) => k.destroy()));
  });

  it('five instances migrating at once: one runs the migration, four wait with one line each and then find it done', async () => {
    const { book, instance } = cluster();
    const names = ['one', 'two', 'three', 'four', 'five'];
    // The first to get the lock holds its migration until all four others are visibly waiting for it.
    const source = recordingSource({ during001: () => book.seen(WAITING, 4) });
    const results = await Promise.all(
      names.map(async (name) => {
        const knex = await instance(name).getClient();
        return knex.migrate.latest({ migrationSource: source });
      }),
    );

    // knex reports [batch, names run]: exactly one instance ran 001, the others found nothing to do.
    expect(results.map(([, ran]) => ran.join(',')).sort()).toEqual(['', '', '', '', '001_create_runs']);
    const knex = await instance('check').getClient();
    expect(await knex('runs').count({ n: '*' })).toEqual([{ n: '1' }]);
    expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);

    const waiting = book.matching(WAITING);
    expect(waiting).toHaveLength(4);
    expect(new Set(waiting.map((l) => l.meta.instance)).size).toBe(4);
    // Quiet: no retry noise from knex's own lock, no errors.
    expect(book.lines.filter((l) => /Can't take lock|already locked/.test(l.message))).toEqual([]);
    expect(book.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  });

  it('clears a knex lock row left set by a dead instance, says so, and migrates', async () => {
    const { prefix, book, instance } = cluster();
    const first = await instance('first').getClient();
    await first.migrate.latest({ migrationSource: recordingSource() });
    // What an instance killed between knex's lock and unlock leaves behind.
    const plain = plainClient(`${prefix}notes`);
    await plain('knex_migrations_lock').update({ is_locked: 1 });
    const upgraded = recordingSource({ extra: ['002_create_more'] });
    // Without the database service, knex refuses for good until someone runs `knex migrate:unlock`.
    await expect(plain.migrate.latest({ migrationSource: upgraded })).rejects.toThrow('Migration table is already locked');

    const next = await instance('next').getClient();
    const [, ran] = await next.migrate.latest({ migrationSource: upgraded });
    expect(ran).toEqual(['002_create_more']);
    expect(await next('knex_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
    const cleared = book.matching(CLEARED);
    expect(cleared.map((l) => [l.level, l.meta.instance, l.message.match(CLEARED)!.slice(1)])).toEqual([
      ['warn', 'next', ['notes', 'public.knex_migrations_lock', 'the lock was left set']],
    ]);
  });

  it('repairs the duplicate lock rows two racing plain knex clients can leave, which knex reads as locked forever', async () => {
    const { prefix, book, instance } = cluster();
    const first = await instance('first').getClient();
    await first.migrate.latest({ migrationSource: recordingSource() });
    const plain = plainClient(`${prefix}notes`);
    await plain('knex_migrations_lock').insert({ is_locked: 0 });
    const upgraded = recordingSource({ extra: ['002_create_more'] });
    await expect(plain.migrate.latest({ migrationSource: upgraded })).rejects.toThrow('Migration table is already locked');

    const [, ran] = await (await instance('next').getClient()).migrate.latest({ migrationSource: upgraded });
    expect(ran).toEqual(['002_create_more']);
    expect(book.matching(CLEARED).map((l) => l.message.match(CLEARED)![3])).toEqual(['2 lock rows instead of one']);
  });

  it('lets a waiting instance go on the moment the holder’s connection dies (as when its process is killed)', async () => {
    const { prefix, book, instance } = cluster();
    const holderEntered = deferred();
    const holderGoesOn = deferred();
    const holding = recordingSource({
      during001: async () => {
        holderEntered.resolve();
        await holderGoesOn.promise;
      },
    });
    const holder = (await instance('holder').getClient()).migrate.latest({ migrationSource: holding });
    holder.catch(() => {});
    await holderEntered.promise;
    const waiter = (await instance('waiter').getClient()).migrate.latest({ migrationSource: recordingSource() });
    await book.seen(WAITING);

    // The server ends the holder's session, as it does when the holder's process dies.
    const database = `${prefix}notes`;
    const killed = await admin.raw(
      `SELECT pg_terminate_backend(l.pid) AS killed FROM pg_locks l JOIN pg_database d ON d.oid = l.database
       WHERE l.locktype = 'advisory' AND l.granted AND d.datname = ?`,
      [database],
    );
    expect(killed.rows).toEqual([{ killed: true }]);

    const [, ran] = await waiter;
    // The holder's transaction was rolled back with its session: the waiter ran 001 itself.
    expect(ran).toEqual(['001_create_runs']);
    // The holder's own next statement finds its connection gone.
    holderGoesOn.resolve();
    await expect(holder).rejects.toThrow(/terminat|Connection/i);
    expect(await plainClient(database)('runs').count({ n: '*' })).toEqual([{ n: '1' }]);
  });

  it('stops a migration whose connection broke and whose lock another instance has taken since (FORKLIFT_MIGRATION_LOCK_LOST)', async () => {
    const { prefix, book, instance } = cluster();
    const firstEntered = deferred();
    const firstGoesOn = deferred();
    const secondEntered = deferred();
    const secondGoesOn = deferred();
    // Without a transaction, so the first instance's run can go on after losing its connection.
    const first = (await instance('first').getClient()).migrate.latest({
      migrationSource: recordingSource({
        transaction: false,
        during001: async () => {
          firstEntered.resolve();
          await firstGoesOn.promise;
        },
      }),
    });
    first.catch(() => {});
    await firstEntered.promise;
    const second = (await instance('second').getClient()).migrate.latest({
      migrationSource: recordingSource({
        during001: async () => {
          secondEntered.resolve();
          await secondGoesOn.promise;
        },
      }),
    });
    await book.seen(WAITING);
    await admin.raw(
      `SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
       WHERE l.locktype = 'advisory' AND l.granted AND d.datname = ?`,
      [`${prefix}notes`],
    );
    // The second instance has the lock now (and found knex's row still set by the first).
    await secondEntered.promise;
    firstGoesOn.resolve();
    await expect(first).rejects.toMatchObject({ code: 'FORKLIFT_MIGRATION_LOCK_LOST', message: expect.stringContaining("plugin 'notes'") });
    secondGoesOn.resolve();
    expect((await second)[1]).toEqual(['001_create_runs']);
    expect(book.matching(CLEARED).map((l) => l.meta.instance)).toEqual(['second']);
  });

  it('locks per migrations table: plugins in their own schemas of one database do not wait for each other', async () => {
    const database = uniqueName('fkmigschema');
    await admin.raw('CREATE DATABASE ??', [database]);
    databases.push(database);
    const url = new URL(postgresUrl!);
    url.pathname = `/${database}`;
    const { book, instance } = cluster({ connection: url.toString(), pluginDivisionMode: 'schema' });
    const release = deferred();
    const oneEntered = deferred();
    const one = (await instance('a', 'one').getClient()).migrate.latest({
      migrationSource: recordingSource({
        during001: async () => {
          oneEntered.resolve();
          await release.promise;
        },
      }),
    });
    await oneEntered.promise;
    // Plugin two migrates to the end while plugin one still holds its own lock.
    const [, ranTwo] = await (await instance('b', 'two').getClient()).migrate.latest({ migrationSource: recordingSource() });
    expect(ranTwo).toEqual(['001_create_runs']);
    release.resolve();
    expect((await one)[1]).toEqual(['001_create_runs']);
    expect(book.matching(WAITING)).toEqual([]);
  });
});
