import knexFactory, { type Knex } from 'knex';
import type { LifecycleService, LoggerService } from '../../../../framework/api';
import { DatabaseManager } from '../../../../framework/services/database';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { describeWithPostgres, postgresUrl, uniqueName } from '../../../support/realServices';

describeWithPostgres('database service on PostgreSQL', () => {
  let admin: Knex;
  const databases: string[] = [];
  const schemas: string[] = [];

  // Every manager a test opens is closed after it, also when an assertion failed halfway.
  const managers: DatabaseManager[] = [];
  function managed(config: Parameters<typeof DatabaseManager.fromConfig>[0]): DatabaseManager {
    const manager = DatabaseManager.fromConfig(config);
    managers.push(manager);
    return manager;
  }

  beforeAll(() => {
    admin = knexFactory({ client: 'pg', connection: postgresUrl, pool: { min: 0, max: 2 } });
  });

  afterEach(async () => {
    await Promise.all(managers.splice(0).map((manager) => manager.close()));
  });

  afterAll(async () => {
    for (const name of databases) await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    for (const name of schemas) await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [name]);
    await admin.destroy();
  });

  async function databaseExists(name: string): Promise<boolean> {
    return (await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [name])).rows.length === 1;
  }

  function pgConfig(database: Record<string, unknown>) {
    return new ConfigReader({ backend: { database: { client: 'pg', connection: postgresUrl!, ...database } } } as never);
  }

  // Created once per file: creating a PostgreSQL database is the slow part of these tests.
  const prefix = `${uniqueName('fk')}_`;

  it('creates one database per plugin from the prefix, once, even when two instances race', async () => {
    databases.push(`${prefix}a`, `${prefix}b`);
    const config = pgConfig({ prefix });
    const one = managed(config);
    const two = managed(config);
    const [a1, a2] = await Promise.all([one.forPlugin('a').getClient(), two.forPlugin('a').getClient()]);
    expect(await databaseExists(`${prefix}a`)).toBe(true);
    expect((await a1.raw('select current_database() as db')).rows[0].db).toBe(`${prefix}a`);
    await a1.schema.createTable('things', (t) => t.string('name'));
    await a1('things').insert({ name: 'from-instance-one' });
    expect(await a2('things').select('name')).toEqual([{ name: 'from-instance-one' }]);

    // Isolation: plugin b lives in another database and cannot reach a's table.
    const b = await one.forPlugin('b').getClient();
    await expect(b('things').select()).rejects.toThrow(/relation "things" does not exist/);
    await expect(b.raw(`select * from "${prefix}a".public.things`)).rejects.toThrow(/cross-database references are not implemented/);
    await Promise.all([one.close(), two.close()]);
  });

  it('runs knex migrations in each plugin database separately', async () => {
    // Reuses the databases of the previous test (existing databases are opened, not created).
    const manager = managed(pgConfig({ prefix }));
    const migrationSource = {
      getMigrations: async () => ['001_create_widgets'],
      getMigrationName: (name: string) => name,
      getMigration: async () => ({
        up: (knex: Knex) => knex.schema.createTable('widgets', (t) => t.increments('id')),
        down: (knex: Knex) => knex.schema.dropTable('widgets'),
      }),
    };
    const a = await manager.forPlugin('a').getClient();
    await a.migrate.latest({ migrationSource });
    expect(await a.schema.hasTable('widgets')).toBe(true);
    const b = await manager.forPlugin('b').getClient();
    expect(await b.schema.hasTable('widgets')).toBe(false);
    expect(await b.schema.hasTable('knex_migrations')).toBe(false);
    await manager.close();
  });

  it('puts each plugin in its own schema in schema mode, with the search path set to it', async () => {
    const a = uniqueName('sa');
    const b = uniqueName('sb');
    schemas.push(a, b);
    const config = pgConfig({ pluginDivisionMode: 'schema' });
    const manager = managed(config);
    const [ka, ka2] = await Promise.all([manager.forPlugin(a).getClient(), managed(config).forPlugin(a).getClient()]);
    await ka2.destroy();
    await ka.schema.createTable('private_notes', (t) => t.string('text'));
    await ka('private_notes').insert({ text: 'a only' });
    const inSchema = await admin.raw('SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [
      a,
      'private_notes',
    ]);
    expect(inSchema.rows).toHaveLength(1);

    const kb = await manager.forPlugin(b).getClient();
    await expect(kb('private_notes').select()).rejects.toThrow(/relation "private_notes" does not exist/);

    // Knex migrations land in the plugin's schema too, bookkeeping included.
    await ka.migrate.latest({
      migrationSource: {
        getMigrations: async () => ['001_gadgets'],
        getMigrationName: (name: string) => name,
        getMigration: async () => ({ up: (k: Knex) => k.schema.createTable('gadgets', (t) => t.increments('id')), down: async () => {} }),
      },
    });
    const tables = await admin.raw('SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN (?, ?) ORDER BY 2', [
      'gadgets',
      'knex_migrations',
    ]);
    expect(tables.rows.filter((r: { table_schema: string }) => [a, b].includes(r.table_schema))).toEqual([
      { table_schema: a, table_name: 'gadgets' },
      { table_schema: a, table_name: 'knex_migrations' },
    ]);
    await manager.close();
  });

  it('honours per-plugin overrides: an explicit database and another client', async () => {
    const explicit = uniqueName('fk_explicit');
    databases.push(explicit, `${prefix}normal`);
    const manager = managed(
      pgConfig({ prefix, plugin: { special: { connection: { database: explicit } }, embedded: { client: 'better-sqlite3' } } }),
    );
    const special = await manager.forPlugin('special').getClient();
    expect((await special.raw('select current_database() as db')).rows[0].db).toBe(explicit);
    const normal = await manager.forPlugin('normal').getClient();
    expect((await normal.raw('select current_database() as db')).rows[0].db).toBe(`${prefix}normal`);
    const embedded = await manager.forPlugin('embedded').getClient();
    expect(embedded.client.config.client).not.toBe('pg');
    expect(await embedded.raw('select sqlite_version() as v')).toEqual([{ v: expect.any(String) }]);
    await manager.close();
  });

  it('closes the plugin connections in its shutdown hook', async () => {
    const name = `${prefix}closing`;
    databases.push(name);
    const hooks: Array<() => void | Promise<void>> = [];
    const lifecycle: LifecycleService = { addStartupHook() {}, addShutdownHook: (hook) => void hooks.push(hook) };
    const manager = managed(pgConfig({ prefix }));
    const knex = await manager.forPlugin('closing', { lifecycle }).getClient();
    await Promise.all([knex.raw('select pg_sleep(0.05)'), knex.raw('select pg_sleep(0.05)')]);
    const connections = async () =>
      Number((await admin.raw('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = ?', [name])).rows[0].n);
    expect(await connections()).toBeGreaterThan(0);
    for (const hook of hooks) await hook();
    // PostgreSQL lists a closed connection until its server process has exited, a moment after the client closed it
    // (longer on a loaded machine): ask again for up to 10 s before calling it open.
    const deadline = Date.now() + 10_000;
    let open = await connections();
    while (open > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      open = await connections();
    }
    expect(open).toBe(0);
  });

  it('names the plugin and the host but never the password when the connection fails', async () => {
    const manager = managed(
      new ConfigReader({
        backend: { database: { client: 'pg', connection: 'postgresql://postgres:s3cret-Passw0rd@127.0.0.1:1/postgres' } },
      }),
    );
    const lines: string[] = [];
    const line = (m: string, meta?: unknown) => lines.push(m + JSON.stringify(meta ?? {}));
    const logger: LoggerService = { child: () => logger, error: line, warn: line, info: line, debug: line };
    const error: Error = await manager
      .forPlugin('catalog', { logger })
      .getClient()
      .then(
        () => {
          throw new Error('expected a connection failure');
        },
        (e) => e,
      );
    expect(error.message).toMatch(
      /^Could not create the database of plugin 'catalog' on PostgreSQL at 127\.0\.0\.1:1 \(database 'backstage_plugin_catalog'\): .*ECONNREFUSED/,
    );
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('s3cret-Passw0rd');
    expect(lines.join('\n')).toMatch(/ECONNREFUSED/);
    expect(lines.join('\n')).not.toContain('s3cret-Passw0rd');

    const objectForm = managed(
      new ConfigReader({
        backend: {
          database: {
            client: 'pg',
            ensureExists: false,
            connection: { host: '127.0.0.1', port: 1, user: 'postgres', password: 'an0ther-secret', database: 'x' },
          },
        },
      }),
    );
    const second: Error = await objectForm
      .forPlugin('search')
      .getClient()
      .catch((e) => e);
    expect(second.message).toMatch(/^Could not connect to the database of plugin 'search' on PostgreSQL at 127\.0\.0\.1:1/);
    expect(second.message).not.toContain('an0ther-secret');
  });
});
