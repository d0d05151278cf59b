import fs from 'fs';
import os from 'os';
import path from 'path';
import type { LifecycleService } from '../../../../framework/api';
import type { Knex } from 'knex';
import { DatabaseManager } from '../../../../framework/services/database';
import { ConfigReader } from '../../../../framework/services/rootConfig';

function fakeLifecycle() {
  const hooks: Array<() => void | Promise<void>> = [];
  const lifecycle: LifecycleService = {
    addStartupHook() {},
    addShutdownHook(hook) {
      hooks.push(hook);
    },
  };
  return {
    lifecycle,
    shutdown: async () => {
      for (const hook of hooks) await hook();
    },
  };
}

// better-sqlite3's native addon keeps the SqliteError class of the first test file that loaded it in this jest
// worker, so its errors can come from another realm and fail `toThrow`'s instanceof check: match the message.
describe('database service on SQLite', () => {
  it('defaults to an in-memory database per plugin that keeps its data across pool use', async () => {
    const manager = DatabaseManager.fromConfig(new ConfigReader({}));
    const db = manager.forPlugin('a');
    const knex = await db.getClient();
    expect(await db.getClient()).toBe(knex);
    await knex.schema.createTable('items', (t) => t.string('name'));
    // Concurrent work and a transaction go through the pool; they must all see the same database.
    await Promise.all(Array.from({ length: 20 }, (_, i) => knex('items').insert({ name: `n${i}` })));
    await knex.transaction(async (trx) => trx('items').insert({ name: 'in-trx' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await knex('items').count({ n: '*' })).toEqual([{ n: 21 }]);
    expect(db.migrations?.skip).toBe(false);
    await manager.close();
  });

  it('names the dialect in knex.client.config.client for the in-memory database, as migrations test it', async () => {
    const manager = DatabaseManager.fromConfig(new ConfigReader({}));
    const knex = await manager.forPlugin('migrating').getClient();
    // Published migrations (Backstage's catalog and app plugins) branch on this string.
    expect(knex.client.config.client).toBe('better-sqlite3');
    expect((knex.client.config.client as string).includes('sqlite3')).toBe(true);
    await manager.close();
  });

  it('gives each plugin its own in-memory database', async () => {
    const manager = DatabaseManager.fromConfig(new ConfigReader({ backend: { database: { client: 'sqlite3' } } }));
    const a = await manager.forPlugin('a').getClient();
    const b = await manager.forPlugin('b').getClient();
    await a.schema.createTable('secrets', (t) => t.string('value'));
    await a('secrets').insert({ value: 'only-a' });
    await expect(b('secrets').select()).rejects.toMatchObject({ message: expect.stringMatching(/no such table: secrets/) });
    await manager.close();
  });

  it('shares one client per plugin within a manager, so two faces of one process agree', async () => {
    const manager = DatabaseManager.fromConfig(new ConfigReader({}));
    const first = await manager.forPlugin('shared').getClient();
    expect(await manager.forPlugin('shared').getClient()).toBe(first);
    await manager.close();
  });

  it('stores one file per plugin under connection.directory, and the data survives a restart', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-db-'));
    try {
      const config = new ConfigReader({ backend: { database: { client: 'better-sqlite3', connection: { directory } } } });
      const first = DatabaseManager.fromConfig(config);
      const a = await first.forPlugin('a').getClient();
      await a.schema.createTable('notes', (t) => t.string('text'));
      await a('notes').insert({ text: 'kept' });
      await (await first.forPlugin('b').getClient()).schema.createTable('other', (t) => t.string('x'));
      await first.close();
      expect(fs.readdirSync(directory).sort()).toEqual(['a.sqlite', 'b.sqlite']);

      const second = DatabaseManager.fromConfig(config);
      expect(await (await second.forPlugin('a').getClient())('notes').select('text')).toEqual([{ text: 'kept' }]);
      await expect((await second.forPlugin('b').getClient())('notes').select()).rejects.toMatchObject({
        message: expect.stringMatching(/no such table: notes/),
      });
      await second.close();
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('applies per-plugin overrides and skipMigrations', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-db-'));
    try {
      const config = new ConfigReader({
        backend: {
          database: {
            connection: ':memory:',
            plugin: { files: { connection: { filename: path.join(directory, 'custom.db') }, skipMigrations: true } },
          },
        },
      });
      const manager = DatabaseManager.fromConfig(config);
      const files = manager.forPlugin('files');
      await (await files.getClient()).schema.createTable('t', (t) => t.string('x'));
      expect(fs.existsSync(path.join(directory, 'custom.db'))).toBe(true);
      expect(files.migrations?.skip).toBe(true);
      expect(manager.forPlugin('other').migrations?.skip).toBe(false);
      await manager.close();
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('runs knex migrations per plugin', async () => {
    const manager = DatabaseManager.fromConfig(new ConfigReader({}));
    const migrationSource = {
      getMigrations: async () => ['001_init'],
      getMigrationName: (name: string) => name,
      getMigration: async () => ({
        up: (knex: Knex) => knex.schema.createTable('migrated', (t) => t.increments('id')),
        down: (knex: Knex) => knex.schema.dropTable('migrated'),
      }),
    };
    const a = await manager.forPlugin('a').getClient();
    await a.migrate.latest({ migrationSource });
    expect(await a.schema.hasTable('migrated')).toBe(true);
    expect(await (await manager.forPlugin('b').getClient()).schema.hasTable('migrated')).toBe(false);
    await manager.close();
  });

  it('closes connections in the shutdown hook and refuses new clients afterwards', async () => {
    const { lifecycle, shutdown } = fakeLifecycle();
    const manager = DatabaseManager.fromConfig(new ConfigReader({}));
    const db = manager.forPlugin('a', { lifecycle });
    const knex = await db.getClient();
    await shutdown();
    await expect(knex.raw('select 1')).rejects.toThrow(/Unable to acquire a connection|destroyed/i);
    await expect(db.getClient()).rejects.toThrow("The database of plugin 'a' was closed at shutdown");
  });

  it('rejects bad config with the key and the fix', () => {
    const manager = (data: object) => DatabaseManager.fromConfig(new ConfigReader({ backend: { database: data } as never }));
    expect(() => manager({ client: 'mysql' }).forPlugin('a')).toThrow(
      "Invalid value for config key 'backend.database.client': database client 'mysql' is not supported; use 'better-sqlite3' (alias 'sqlite3') or 'pg'",
    );
    expect(() => manager({ pluginDivisionMode: 'table' }).forPlugin('a')).toThrow(
      /backend.database.pluginDivisionMode.*'database'.*'schema'/,
    );
    return expect(manager({ connection: '/tmp/all.db' }).forPlugin('a').getClient()).rejects.toThrow(
      /a single SQLite file would be shared by every plugin; use \{ directory: '\/tmp' \}/,
    );
  });
});
