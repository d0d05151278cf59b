/**
 * Run as a child process by dependencyOutages.test.ts: createBackend() with every default service and one plugin,
 * `data`, whose routes use the cache and the database the way feature code does:
 *
 *   GET /cached/:key  the value from the cache, or computed and cached (`cached` says which)
 *   GET /rows         counts the rows of the plugin's table (created at init)
 *
 * Prints `{"event":"listening","url":...}` once up; the backend's JSON log lines follow.
 */
import express from 'express';
import { coreServices, createBackend, createBackendPlugin } from '../../../../framework';
import { createRootHttpRouterServiceFactory, type HttpServer } from '../../../../framework/services/rootHttpRouter';

let httpServer: HttpServer | undefined;
const backend = createBackend();
backend.add(
  createRootHttpRouterServiceFactory({
    configure({ server, applyDefaults }) {
      httpServer = server;
      applyDefaults();
    },
  }),
);
backend.add(
  createBackendPlugin({
    pluginId: 'data',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter, cache: coreServices.cache, database: coreServices.database },
        async init({ httpRouter, cache, database }) {
          const knex = await database.getClient();
          if (!(await knex.schema.hasTable('items'))) {
            await knex.schema.createTable('items', (table) => {
              table.increments('id');
              table.string('name');
            });
            await knex('items').insert([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
          }
          const router = express.Router();
          router.get('/cached/:key', async (req, res) => {
            const hit = await cache.get<string>(req.params.key);
            if (hit !== undefined) {
              res.json({ value: hit, cached: true });
              return;
            }
            const value = `computed-${req.params.key}`;
            // Expiring: on a Redis shared with other test runs, an entry without a TTL would stay for good.
            await cache.set(req.params.key, value, { ttl: { minutes: 10 } });
            res.json({ value, cached: false });
          });
          router.get('/rows', async (_req, res) => {
            const [{ count }] = await knex('items').count({ count: '*' });
            res.json({ count: Number(count) });
          });
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        },
      });
    },
  }),
);

backend.start().then(
  () => process.stdout.write(`${JSON.stringify({ event: 'listening', url: httpServer!.address().url })}\n`),
  (error) => {
    process.stderr.write(`start failed: ${error.stack ?? error}\n`);
    process.exit(3);
  },
);
