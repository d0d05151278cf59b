/**
 * core.database, core.cache and core.scheduler as a plugin sees them in a started backend: through the default
 * factories, real HTTP requests, and the backend's shutdown.
 */
import express from 'express';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { coreServices, createBackendPlugin, type JsonObject } from '../../../framework';
import { mockServices, startTestBackend, type TestBackend } from '../../../framework/testing';
import { describeWithPostgres, describeWithRedis, postgresUrl, redisUrl, uniqueName } from '../../support/realServices';
import { until } from '../../support/until';
import { messageOf } from '../../../framework/wiring';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds; fails naming `what` after 20 s (longer than any interval these tests configure). */
const runsWithin = { timeoutMs: 20_000 };

// A Redis answer slowed by a loaded machine beyond the default command timeout (1 s) would count as an outage and
// turn a cache read into a miss; these tests are about sharing entries, not outages.
const REDIS_COMMAND_TIMEOUT = '20s';

interface Seen {
  knex?: Knex;
  runs: number;
  aborted: string[];
}

/** A plugin that keeps notes in its database, caches a greeting and counts scheduled runs. */
function notesPlugin(pluginId: string, seen: Seen, task: { scope: 'global' | 'local'; frequency: object }) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          cache: coreServices.cache,
          scheduler: coreServices.scheduler,
          http: coreServices.httpRouter,
        },
        async init({ database, cache, scheduler, http }) {
          const knex = await database.getClient();
          seen.knex = knex;
          if (!database.migrations?.skip && !(await knex.schema.hasTable('notes'))) {
            await knex.schema.createTable('notes', (t) => t.string('text'));
          }
          await scheduler.scheduleTask({
            id: 'count',
            ...task,
            timeout: { seconds: 30 },
            // From its second run on, the task works until it is aborted.
            fn: async (signal: AbortSignal) => {
              seen.runs++;
              if (seen.runs < 2) return;
              await new Promise<void>((resolve) =>
                signal.addEventListener('abort', () => {
                  seen.aborted.push(signal.reason?.name);
                  resolve();
                }),
              );
            },
          } as never);
          const router = express.Router();
          router.use(express.json());
          router.post('/notes', async (req, res) => {
            await knex('notes').insert({ text: req.body.text });
            res.status(201).json({ ok: true });
          });
          router.get('/notes', async (_req, res) => res.json(await knex('notes').pluck('text')));
          router.put('/greeting', async (req, res) => {
            await cache.set('greeting', req.body);
            res.status(204).end();
          });
          router.get('/greeting', async (_req, res) => res.json({ greeting: (await cache.get('greeting')) ?? null }));
          router.delete('/greeting', async (_req, res) => {
            await cache.delete('greeting');
            res.status(204).end();
          });
          router.get('/peek/:table', async (req, res) => {
            try {
              res.json(await knex(req.params.table).select());
            } catch (error) {
              res.status(404).json({ error: messageOf(error) });
            }
          });
          http.use(router);
          http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        },
      });
    },
  });
}

describe('database, cache and scheduler in a test backend (SQLite, memory cache)', () => {
  it('serves a plugin that uses all three, keeps plugins apart, and closes everything on stop', async () => {
    const notes: Seen = { runs: 0, aborted: [] };
    const other: Seen = { runs: 0, aborted: [] };
    const backend = await startTestBackend({
      features: [
        notesPlugin('notes', notes, { scope: 'local', frequency: { milliseconds: 100 } }),
        notesPlugin('other', other, { scope: 'global', frequency: { trigger: 'manual' } }),
      ],
    });
    try {
      await request(backend.server).post('/api/notes/notes').send({ text: 'hello' }).expect(201);
      expect((await request(backend.server).get('/api/notes/notes').expect(200)).body).toEqual(['hello']);
      expect((await request(backend.server).get('/api/other/notes').expect(200)).body).toEqual([]);

      await request(backend.server).put('/api/notes/greeting').send({ hi: 'from notes' }).expect(204);
      expect((await request(backend.server).get('/api/notes/greeting')).body).toEqual({ greeting: { hi: 'from notes' } });
      expect((await request(backend.server).get('/api/other/greeting')).body).toEqual({ greeting: null });

      // The scheduler's table lives in the plugin's own database, and only there once it has a global task.
      expect((await request(backend.server).get('/api/other/peek/forklift_scheduler_tasks').expect(200)).body).toHaveLength(1);
      await request(backend.server).get('/api/notes/peek/forklift_scheduler_tasks').expect(404);

      await until(() => notes.runs >= 2, 'the second run of the local task', runsWithin);
      expect(other.runs).toBe(0);
    } finally {
      await backend.stop();
    }
    // Stopping the backend aborted the running task and waited for it.
    expect(notes.aborted).toEqual(['AbortError']);
    const runsAtStop = notes.runs;
    await expect(notes.knex!.raw('select 1')).rejects.toThrow();
    await sleep(300);
    expect(notes.runs).toBe(runsAtStop);
  });
});

describeWithPostgres('database and scheduler in two backend instances on PostgreSQL', () => {
  const prefix = `${uniqueName('fke2e')}_`;
  const config: JsonObject = {
    backend: {
      database: { client: 'pg', connection: postgresUrl!, prefix },
      scheduler: { pollingInterval: 200 },
      ...(redisUrl ? { cache: { store: 'redis', connection: redisUrl, commandTimeout: REDIS_COMMAND_TIMEOUT } } : {}),
    },
  };
  const pluginId = uniqueName('jobs').replace(/_/g, '-');
  const seen = [0, 1].map((): Seen => ({ runs: 0, aborted: [] }));
  const instances: TestBackend[] = [];

  beforeAll(async () => {
    // One after the other: the test plugin creates its table without guarding against a concurrent creator.
    for (const s of seen) {
      instances.push(
        await startTestBackend({
          features: [
            mockServices.rootConfig.factory({ data: config }),
            notesPlugin(pluginId, s, { scope: 'global', frequency: { trigger: 'manual' } }),
          ],
        }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    const admin = knexFactory({ client: 'pg', connection: postgresUrl, pool: { min: 0, max: 1 } });
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [`${prefix}${pluginId}`]);
    await admin.destroy();
  });

  it("shares the plugin's database between instances and runs a triggered global task on one of them", async () => {
    const [a, b] = instances;
    await request(a.server).post(`/api/${pluginId}/notes`).send({ text: 'written on a' }).expect(201);
    expect((await request(b.server).get(`/api/${pluginId}/notes`)).body).toEqual(['written on a']);
    expect((await seen[0].knex!.raw('select current_database() as db')).rows[0].db).toBe(`${prefix}${pluginId}`);

    // A trigger through either instance's scheduler row is picked up by exactly one instance.
    await seen[0].knex!('forklift_scheduler_tasks').where({ id: 'count' }).update({ next_run_start_at: Date.now() });
    await until(() => seen[0].runs + seen[1].runs >= 1, 'the triggered run', runsWithin);
    await sleep(600);
    expect(seen[0].runs + seen[1].runs).toBe(1);
  });

  (redisUrl ? it : it.skip)('shares cache entries between instances through Redis', async () => {
    const [a, b] = instances;
    await request(a.server).put(`/api/${pluginId}/greeting`).send({ from: 'a' }).expect(204);
    expect((await request(b.server).get(`/api/${pluginId}/greeting`)).body).toEqual({ greeting: { from: 'a' } });
    // A delete on one instance is seen by the other (and leaves nothing behind on a server other runs share).
    await request(a.server).delete(`/api/${pluginId}/greeting`).expect(204);
    expect((await request(b.server).get(`/api/${pluginId}/greeting`)).body).toEqual({ greeting: null });
  });
});

describeWithRedis('cache store from config in a test backend', () => {
  it('uses Redis when backend.cache.store is redis, namespaced by plugin', async () => {
    const pluginId = uniqueName('cached').replace(/_/g, '-');
    const seen: Seen = { runs: 0, aborted: [] };
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: { backend: { cache: { store: 'redis', connection: redisUrl!, commandTimeout: REDIS_COMMAND_TIMEOUT } } },
        }),
        notesPlugin(pluginId, seen, { scope: 'local', frequency: { trigger: 'manual' } }),
      ],
    });
    const Redis = (await import('ioredis')).default;
    const redis = new Redis(redisUrl!);
    try {
      await request(backend.server).put(`/api/${pluginId}/greeting`).send({ n: 1 }).expect(204);
      expect(JSON.parse((await redis.get(`${pluginId}:greeting`))!)).toEqual({ n: 1 });
    } finally {
      await redis.del(`${pluginId}:greeting`);
      await redis.quit();
      await backend.stop();
    }
  });
});
