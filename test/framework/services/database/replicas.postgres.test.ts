/**
 * Replicas of one backend as real processes on one PostgreSQL database (fixtures/replicaBackend.ts): five start
 * at once and all come up; one killed (SIGKILL) in the middle of a migration leaves nothing that blocks the next
 * start; and a knex lock row left set, as a crashed instance leaves it, no longer needs `knex migrate:unlock`.
 */
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { createInterface } from 'readline';
import knexFactory, { type Knex } from 'knex';
import { migrationLockKey } from '../../../../framework/services/database/migrationLock';
import { describeWithPostgres, postgresUrl, uniqueName } from '../../../support/realServices';

const BACKEND = path.join(__dirname, 'fixtures', 'replicaBackend.ts');
const WAITING = "Another instance is running the migrations of plugin 'notes'";
const CLEARED = "Cleared the knex migration lock of plugin 'notes' (public.knex_migrations_lock): the lock was left set";

interface Replica {
  name: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the first output line containing `text`; rejects if the process exits before. */
  line(text: string): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describeWithPostgres('replicas of one backend starting on one PostgreSQL database', () => {
  const prefix = `${uniqueName('fkrep')}_`;
  const database = `${prefix}notes`;
  const replicas: Replica[] = [];
  let admin: Knex;
  let pluginDb: Knex;

  beforeAll(() => {
    admin = knexFactory({ client: 'pg', connection: postgresUrl, pool: { min: 0, max: 1 } });
    const url = new URL(postgresUrl!);
    url.pathname = `/${database}`;
    pluginDb = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 1 } });
  });

  afterAll(async () => {
    for (const replica of replicas) if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    await pluginDb?.destroy();
    await admin?.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
    await admin?.destroy();
  });

  function start(name: string, env: Record<string, string> = {}): Replica {
    const child = spawn(process.execPath, ['--import', 'tsx', BACKEND], {
      cwd: path.dirname(BACKEND),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        APP_CONFIG_backend_listen_port: '0',
        APP_CONFIG_backend_listen_host: '127.0.0.1',
        APP_CONFIG_backend_database_client: 'pg',
        APP_CONFIG_backend_database_connection: postgresUrl!,
        APP_CONFIG_backend_database_prefix: prefix,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const watchers: Array<{ text: string; resolve: (line: string) => void }> = [];
    const onLine = (line: string) => {
      output += `${line}\n`;
      for (const w of [...watchers]) {
        if (line.includes(w.text)) {
          watchers.splice(watchers.indexOf(w), 1);
          w.resolve(line);
        }
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const replica: Replica = {
      name,
      child,
      output: () => output,
      exited,
      line: (text) => {
        const found = output.split('\n').find((l) => l.includes(text));
        if (found !== undefined) return Promise.resolve(found);
        return Promise.race([
          new Promise<string>((resolve) => watchers.push({ text, resolve })),
          exited.then(({ code, signal }) => {
            throw new Error(`replica '${name}' exited (${code ?? signal}) before printing '${text}':\n${output}`);
          }),
        ]);
      },
    };
    replicas.push(replica);
    return replica;
  }

  async function urlOf(replica: Replica): Promise<string> {
    const line = await replica.line('Listening on ');
    return line.match(/Listening on (http:\/\/\S+)/)![1];
  }

  async function stateOf(replica: Replica) {
    await replica.line('replica started');
    const res = await fetch(`${await urlOf(replica)}/api/notes/state`);
    return { status: res.status, body: await res.json() };
  }

  async function stop(replica: Replica) {
    replica.child.kill('SIGTERM');
    return replica.exited;
  }

  const lockRow = async () => pluginDb('knex_migrations_lock').pluck('is_locked');

  it('five instances started at once all come up, with the migrations run once and one quiet line per wait', async () => {
    const five = ['one', 'two', 'three', 'four', 'five'].map((name) => start(name));
    const states = await Promise.all(five.map(stateOf));
    expect(states).toEqual(five.map(() => ({ status: 200, body: { migrations: ['001_create_notes'], columns: ['id'] } })));
    expect(await pluginDb('forklift_scheduler__knex_migrations').pluck('name')).toEqual(['20261125_01_create_tasks']);
    expect(await lockRow()).toEqual([0]);
    for (const replica of five) {
      const output = replica.output();
      // At most one waiting line per migrations table (the plugin's and the scheduler's), never knex's retry noise.
      expect(output.split(WAITING).length - 1).toBeLessThanOrEqual(2);
      expect(output).not.toMatch(/Can't take lock|already locked|MigrationLocked|FORKLIFT_/);
    }
    expect(await Promise.all(five.map(stop))).toEqual(five.map(() => ({ code: 0, signal: null })));
  }, 240_000);

  it('an instance SIGKILLed while holding the migration lock leaves nothing that blocks the next start', async () => {
    const holder = start('holder', { REPLICA_HOLD_MIGRATION: '1' });
    await holder.line('holding the migration lock');
    holder.child.kill('SIGKILL');
    expect(await holder.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // knex's own lock row stays set: that alone used to block every later start for good.
    expect(await lockRow()).toEqual([1]);
    // The advisory lock went with the killed instance's connection; waiting for it here (rather than sleeping)
    // means the successor below finds it free.
    await withAdvisoryLockFree(pluginDb, migrationLockKey({ schema: 'public', table: 'knex_migrations' }));

    const startedAt = Date.now();
    const successor = start('successor', { REPLICA_UPGRADE: '1' });
    expect(await stateOf(successor)).toEqual({
      status: 200,
      body: { migrations: ['001_create_notes', '002_add_tag'], columns: ['id', 'tag'] },
    });
    const seconds = (Date.now() - startedAt) / 1000;
    expect(successor.output()).toContain(CLEARED);
    expect(successor.output()).not.toContain(WAITING);
    expect(await lockRow()).toEqual([0]);
    process.stdout.write(`[replicas] the successor of the killed instance served requests ${seconds.toFixed(1)} s after its spawn\n`);
    expect(await stop(successor)).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('a knex lock row left set (as a crashed instance leaves it) no longer blocks a start', async () => {
    await pluginDb('knex_migrations_lock').update({ is_locked: 1 });
    const next = start('next', { REPLICA_UPGRADE: '1' });
    expect(await stateOf(next)).toMatchObject({ status: 200, body: { migrations: ['001_create_notes', '002_add_tag'] } });
    expect(next.output()).toContain(CLEARED);
    expect(await lockRow()).toEqual([0]);
    expect(await stop(next)).toEqual({ code: 0, signal: null });
  }, 120_000);
});

/** Waits until nobody holds the advisory lock `key` (by taking and dropping it on one connection). */
async function withAdvisoryLockFree(knex: Knex, key: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?::bigint)', [key]);
  });
}
