import express, { Router } from 'express';
import request from 'supertest';
import type { Logger } from 'winston';
import { coreServices, createBackendPlugin, createServiceFactory, createServiceRef } from 'forklift/framework';
import { MockLogger, mockServices, startTestBackend } from 'forklift/framework/testing';
import { legacyEnvMapping, legacyEnvTransforms, legacyPlugin, makeLegacyPlugin, type PluginEnvironment } from 'forklift/legacy-bridge';

/** A legacy plugin module as `import('./plugins/x')` would produce it. */
function legacyModule<TEnv>(createPlugin: (env: TEnv) => Promise<unknown>) {
  return Promise.resolve({ default: createPlugin });
}

/** An old-style notes plugin: own table, winston logger, router. */
async function createNotesPlugin(env: PluginEnvironment): Promise<Router> {
  const db = await env.database.getClient();
  await db.schema.createTable('notes', (table) => {
    table.increments('id');
    table.string('text');
  });
  const router = Router();
  router.use(express.json());
  router.post('/notes', async (req, res) => {
    const [id] = await db('notes').insert({ text: req.body.text });
    env.logger.info('note created', { noteId: id });
    res.status(201).json({ id });
  });
  router.get('/notes', async (_req, res) => {
    res.json(await db('notes').select('text'));
  });
  router.get('/tables', async (_req, res) => {
    const rows = await db.raw("select name from sqlite_master where type = 'table' and name not like 'knex%' and name not like 'sqlite%'");
    res.json(rows.map((r: { name: string }) => r.name).sort());
  });
  return router;
}

interface Greeter {
  greet(name: string): string;
}

const greeterRef = createServiceRef<Greeter>({
  id: 'acme.greeter',
  defaultFactory: (service) =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => ({
        greet: (name) => `${config.getOptionalString('greeter.salutation') ?? 'Hello'}, ${name}`,
      }),
    }),
});

const nativePlugin = createBackendPlugin({
  pluginId: 'native',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter, database: coreServices.database },
      async init({ http, database }) {
        const db = await database.getClient();
        await db.schema.createTable('native_things', (t) => t.increments('id'));
        const router = Router();
        router.get('/ping', (_req, res) => void res.json({ pong: true }));
        http.use(router);
        http.addAuthPolicy({ path: '/ping', allow: 'unauthenticated' });
      },
    });
  },
});

describe('legacyPlugin and makeLegacyPlugin', () => {
  it('serve a native plugin and two legacy plugins side by side, with isolated databases and plugin-tagged logs', async () => {
    const logger = new MockLogger();
    const greeterPlugin = makeLegacyPlugin({ ...legacyEnvMapping, greeter: greeterRef }, legacyEnvTransforms);
    const backend = await startTestBackend({
      features: [
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://127.0.0.1', database: { client: 'better-sqlite3', connection: ':memory:' } },
            greeter: { salutation: 'Howdy' },
          },
        }),
        nativePlugin,
        legacyPlugin('notes', legacyModule(createNotesPlugin)),
        greeterPlugin(
          'greetings',
          legacyModule(async (env: PluginEnvironment & { greeter: Greeter }) => {
            const router = Router();
            router.get('/hello/:name', (req, res) => {
              (env.logger as Logger).warn('greeting someone', { who: req.params.name });
              res.json({ message: env.greeter.greet(req.params.name) });
            });
            return { router };
          }),
        ),
      ],
    });

    await request(backend.server).get('/api/native/ping').expect(200, { pong: true });
    await request(backend.server).post('/api/notes/notes').send({ text: 'buy milk' }).expect(201);
    await request(backend.server)
      .get('/api/notes/notes')
      .expect(200, [{ text: 'buy milk' }]);
    await request(backend.server).get('/api/greetings/hello/ada').expect(200, { message: 'Howdy, ada' });

    // Each plugin sees only its own tables.
    await request(backend.server).get('/api/notes/tables').expect(200, ['notes']);

    const entries = logger.entries;
    const created = entries.find((e) => e.message === 'note created');
    expect(created).toMatchObject({ level: 'info', fields: expect.objectContaining({ plugin: 'notes', noteId: 1 }) });
    const greeted = entries.find((e) => e.message === 'greeting someone');
    expect(greeted).toMatchObject({ level: 'warn', fields: expect.objectContaining({ plugin: 'greetings', who: 'ada' }) });
    const openNotice = entries.find((e) => e.message.startsWith('Legacy plugins accept unauthenticated requests'));
    expect(openNotice?.message).toContain('greetings, notes');
    await backend.stop();
  });

  it('keeps legacy plugins behind default-deny when backend.legacy.auth is required', async () => {
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://127.0.0.1', legacy: { auth: 'required' } } },
        }),
        legacyPlugin('notes', legacyModule(createNotesPlugin)),
      ],
    });
    const res = await request(backend.server).get('/api/notes/notes').expect(401);
    expect(res.body.error.name).toBe('AuthenticationError');
    await backend.stop();
  });

  it('fails startup naming the plugin when createPlugin throws', async () => {
    await expect(
      startTestBackend({
        features: [
          legacyPlugin(
            'broken',
            legacyModule(async () => {
              throw new Error('no catalog client configured');
            }),
          ),
        ],
      }),
    ).rejects.toThrow(/Legacy plugin 'broken' \(.*\) failed to start, createPlugin\(env\) threw: no catalog client configured/);
  });

  it('names the plugin file when its createPlugin throws during startup', async () => {
    const failure = startTestBackend({ features: [legacyPlugin('catalog', import('./fixtures/brokenCatalogPlugin'))] });
    await expect(failure).rejects.toThrow(
      /Legacy plugin 'catalog' \(.*test\/legacy-bridge\/fixtures\/brokenCatalogPlugin\.ts[^)]*\) failed to start, createPlugin\(env\) threw: Missing required config value at 'catalog.upstreamUrl'/,
    );
  });

  it('obeys the boot-failure policy: under continue the other plugins serve', async () => {
    const logger = new MockLogger();
    const backend = await startTestBackend({
      features: [
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://127.0.0.1', startup: { default: { onPluginBootFailure: 'continue' } } } },
        }),
        legacyPlugin('catalog', import('./fixtures/brokenCatalogPlugin')),
        legacyPlugin('notes', legacyModule(createNotesPlugin)),
      ],
    });
    await request(backend.server).get('/api/notes/notes').expect(200, []);
    expect(logger.lines.join('\n')).toContain("Legacy plugin 'catalog'");
    await backend.stop();
  });

  it('refuses a module without a default function, with the fix', async () => {
    await expect(startTestBackend({ features: [legacyPlugin('empty', Promise.resolve({ default: 42 }) as never)] })).rejects.toThrow(
      /Legacy plugin 'empty' .* has no default export function; export `default async function createPlugin\(env\)`/,
    );
  });

  it('accepts the doubled default of CommonJS interop and { router } results', async () => {
    const backend = await startTestBackend({
      features: [
        legacyPlugin(
          'doubled',
          Promise.resolve({
            default: {
              default: async () => {
                const router = Router();
                router.get('/x', (_req, res) => void res.json({ ok: 1 }));
                return { router };
              },
            },
          }) as never,
        ),
      ],
    });
    await request(backend.server).get('/api/doubled/x').expect(200, { ok: 1 });
    await backend.stop();
  });
});
