/**
 * Real plugins from the npm registry, written against `@backstage/backend-common`, run through `legacyPlugin`
 * exactly as a legacy backend's `plugins/<id>.ts` file hands them its environment. They live in their own npm
 * install (test/published-plugins, installed by .ci/run) because their dependency tree is heavy.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';
import Database from 'better-sqlite3';
import express from 'express';
import request from 'supertest';
import { coreServices, createBackendPlugin, createServiceFactory, issueUserToken } from 'forklift/framework';
import { MockLogger, mockServices, startTestBackend } from 'forklift/framework/testing';
import { legacyPlugin, type PluginEnvironment } from 'forklift/legacy-bridge';

const PACKAGES_DIR = path.resolve(__dirname, '../published-plugins');
const installed = fs.existsSync(path.join(PACKAGES_DIR, 'node_modules/@backstage/plugin-proxy-backend/package.json'));

if (!installed) {
  const hint = 'run `npm ci --prefix test/published-plugins --ignore-scripts` (as .ci/run does)';
  if (process.env.CI) {
    throw new Error(`test/published-plugins/node_modules is missing: ${hint}`);
  }
  console.warn(`SKIPPED published legacy plugin tests: test/published-plugins/node_modules is missing; ${hint}`);
}

type CreateRouter = (options: Record<string, unknown>) => Promise<unknown>;

interface PublishedPlugins {
  proxy: { createRouter: CreateRouter };
  app: { createRouter: CreateRouter };
  badges: {
    createRouter: CreateRouter;
    DatabaseBadgesStore: { create(options: { database: PluginEnvironment['database'] }): Promise<unknown> };
  };
  backendCommonTestUtils: {
    overridePackagePathResolution(options: { packageName: string; path: string }): { restore(): void };
  };
}

function loadPublishedPlugins(): PublishedPlugins {
  const requireThere = createRequire(path.join(PACKAGES_DIR, 'package.json'));
  return {
    proxy: requireThere('@backstage/plugin-proxy-backend'),
    app: requireThere('@backstage/plugin-app-backend'),
    badges: requireThere('@backstage/plugin-badges-backend'),
    backendCommonTestUtils: requireThere('@backstage/backend-common/testUtils'),
  };
}

/** The plugin files of a legacy backend, verbatim in shape: `createPlugin(env)` passing env fields on. */
function legacyPluginFiles(plugins: PublishedPlugins) {
  return {
    proxy: async (env: PluginEnvironment) =>
      plugins.proxy.createRouter({ logger: env.logger, config: env.config, discovery: env.discovery }),
    app: async (env: PluginEnvironment) =>
      plugins.app.createRouter({ logger: env.logger, config: env.config, database: env.database, appPackageName: 'example-app' }),
    badges: async (env: PluginEnvironment) =>
      plugins.badges.createRouter({
        config: env.config,
        discovery: env.discovery,
        tokenManager: env.tokenManager,
        logger: env.logger,
        identity: env.identity,
        // Where obfuscated badge ids live; without it the plugin opens a database of its own from config.
        badgeStore: await plugins.badges.DatabaseBadgesStore.create({ database: env.database }),
      }),
  };
}

/** A built frontend as `yarn build` leaves it: index.html, hashed chunks, the config schema. */
function writeAppDist(root: string) {
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'static'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'example-app', version: '1.0.0' }));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>example</title><script src="/static/main.js"></script>');
  fs.writeFileSync(path.join(dist, 'static', 'main.js'), 'window.appConfig = "__APP_INJECTED_RUNTIME_CONFIG__";\n');
  fs.writeFileSync(path.join(dist, 'static', 'chunk-old.js'), 'console.log("chunk of the previous deploy");\n');
  fs.writeFileSync(
    path.join(dist, '.config-schema.json'),
    JSON.stringify({
      backstageConfigSchemaVersion: 1,
      schemas: [
        {
          path: 'example-app/package.json',
          value: {
            type: 'object',
            properties: {
              app: { type: 'object', properties: { title: { type: 'string', visibility: 'frontend' } } },
              secretThing: { type: 'string', visibility: 'secret' },
            },
          },
        },
      ],
    }),
  );
}

/** An upstream service for the proxy: answers with what it received. */
async function startEchoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({ method: req.method, url: req.url, apiKey: req.headers['x-api-key'] ?? null, cookie: req.headers.cookie ?? null }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const AUTH_SECRET = 'published-plugins-test-secret-0123456789';

/**
 * The backend listens on a port chosen at start; plugins reach each other there, as on a real host. Filled in
 * once the test backend is up (plugins only call out while serving requests). Browsers see a public address.
 */
function liveDiscovery() {
  const state = { origin: 'http://127.0.0.1' };
  const service = {
    getBaseUrl: async (pluginId: string) => `${state.origin}/api/${pluginId}`,
    getExternalBaseUrl: async (pluginId: string) => `https://backstage.example/api/${pluginId}`,
  };
  return { state, factory: createServiceFactory({ service: coreServices.discovery, deps: {}, factory: () => service }) };
}

/** A migrated (native) catalog plugin behind the default auth policy; records who called it. */
function nativeCatalogPlugin(callers: Array<{ type: string; subject?: string }>) {
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
  return createBackendPlugin({
    pluginId: 'catalog',
    register(env) {
      env.registerInit({
        deps: { http: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
        async init({ http, httpAuth }) {
          const router = express.Router();
          router.get('/entities/by-name/:kind/:namespace/:name', async (req, res) => {
            const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
            const { principal } = credentials;
            callers.push(
              principal.type === 'user'
                ? { type: 'user', subject: principal.userEntityRef }
                : { type: principal.type, subject: principal.subject },
            );
            const { kind, namespace, name } = req.params;
            if (kind.toLowerCase() !== 'component' || namespace !== 'default' || name !== 'checkout') {
              res.status(404).json({ error: { name: 'NotFoundError', message: `no ${kind}:${namespace}/${name}` } });
              return;
            }
            res.json(entity);
          });
          http.use(router);
        },
      });
    },
  });
}

(installed ? describe : describe.skip)('published legacy plugins through legacyPlugin', () => {
  let plugins: PublishedPlugins;
  let upstream: Awaited<ReturnType<typeof startEchoServer>>;
  let workDir: string;
  let appDir: string;
  let restorePackagePath: (() => void) | undefined;

  beforeAll(async () => {
    plugins = loadPublishedPlugins();
    upstream = await startEchoServer();
  });

  afterAll(async () => {
    await upstream?.close();
  });

  beforeEach(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-published-'));
    appDir = path.join(workDir, 'example-app');
    writeAppDist(appDir);
    fs.mkdirSync(path.join(workDir, 'db'));
    // The app plugin finds the frontend by package name; backend-common's own test hook points it at the temp copy.
    restorePackagePath = plugins.backendCommonTestUtils.overridePackagePathResolution({ packageName: 'example-app', path: appDir }).restore;
  });

  afterEach(() => {
    restorePackagePath?.();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  function backendFeatures(
    logger: MockLogger,
    files: Partial<ReturnType<typeof legacyPluginFiles>>,
    options: { obfuscateBadges?: boolean } = {},
  ) {
    return [
      createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://127.0.0.1',
            database: { client: 'better-sqlite3', connection: { directory: path.join(workDir, 'db') } },
            auth: { keys: [{ secret: AUTH_SECRET }] },
          },
          app: { title: 'Forklifted Portal', baseUrl: 'http://portal.example', badges: { obfuscate: options.obfuscateBadges ?? false } },
          secretThing: 'never-in-the-bundle',
          proxy: {
            endpoints: {
              '/upstream': { target: `${upstream.url}/base`, headers: { 'X-Api-Key': 'from-config' } },
            },
          },
        },
      }),
      ...Object.entries(files).map(([id, createPlugin]) => legacyPlugin(id, Promise.resolve({ default: createPlugin }))),
    ];
  }

  it('@backstage/plugin-proxy-backend and @backstage/plugin-app-backend serve their routes on the legacy environment', async () => {
    const logger = new MockLogger();
    const backend = await startTestBackend({ features: backendFeatures(logger, legacyPluginFiles(plugins)) });

    // proxy: endpoints from config, path prefix from discovery, request headers filtered, configured headers added.
    const proxied = await request(backend.server).get('/api/proxy/upstream/things?page=2').set('Cookie', 'session=secret').expect(200);
    expect(proxied.body).toEqual({ method: 'GET', url: '/base/things?page=2', apiKey: 'from-config', cookie: null });
    // http-proxy-middleware logs through the winston logger it was given, which lands in the plugin's logger.
    expect(logger.entries.some((e) => e.message.includes('[HPM] Proxy created') && e.fields.plugin === 'proxy')).toBe(true);

    // app: index.html for any route, frontend config injected into the bundle (secrets stay out), assets served.
    const page = await request(backend.server).get('/api/app/some/deep/route').expect(200);
    expect(page.text).toContain('<title>example</title>');
    expect(page.headers['cache-control']).toBe('no-store, max-age=0');
    const main = await request(backend.server).get('/api/app/static/main.js').expect(200);
    expect(main.text).toContain('Forklifted Portal');
    expect(main.text).not.toContain('never-in-the-bundle');
    await request(backend.server).get('/api/app/static/chunk-old.js').expect(200, 'console.log("chunk of the previous deploy");\n');
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'Storing 0 updated assets and 2 new assets',
        fields: expect.objectContaining({ plugin: 'app' }),
      }),
    );
    await backend.stop();

    // The app plugin ran its knex migrations and stored the assets in its own database file.
    const db = new Database(path.join(workDir, 'db', 'app.sqlite'), { readonly: true });
    try {
      const migrations = db.prepare('select name from knex_migrations').all() as { name: string }[];
      expect(migrations.map((m) => m.name)).toEqual(['20211229105307_init.js']);
      const assets = db.prepare('select path from static_assets_cache order by path').all() as { path: string }[];
      expect(assets.map((a) => a.path)).toEqual(['main.js', 'chunk-old.js'].sort());
    } finally {
      db.close();
    }
  });

  it('@backstage/plugin-app-backend serves a chunk of the previous deploy from its database after a restart', async () => {
    const app = { app: legacyPluginFiles(plugins).app };
    const firstDeploy = await startTestBackend({ features: backendFeatures(new MockLogger(), app) });
    await request(firstDeploy.server).get('/api/app/static/chunk-old.js').expect(200);
    await firstDeploy.stop();

    // The next deploy no longer has the chunk on disk; browsers still holding the old index.html ask for it.
    fs.rmSync(path.join(appDir, 'dist', 'static', 'chunk-old.js'));
    const backend = await startTestBackend({ features: backendFeatures(new MockLogger(), app) });
    const res = await request(backend.server).get('/api/app/static/chunk-old.js').expect(200);
    expect(res.text).toBe('console.log("chunk of the previous deploy");\n');
    expect(res.headers['cache-control']).toBe('public, max-age=1209600');
    await request(backend.server).get('/api/app/static/never-built.js').expect(404);
    await backend.stop();
  });

  it('@backstage/plugin-badges-backend calls a migrated catalog plugin with the legacy tokenManager token', async () => {
    const callers: Array<{ type: string; subject?: string }> = [];
    const discovery = liveDiscovery();
    const backend = await startTestBackend({
      features: [
        ...backendFeatures(new MockLogger(), { badges: legacyPluginFiles(plugins).badges }),
        discovery.factory,
        nativeCatalogPlugin(callers),
      ],
    });
    discovery.state.origin = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;

    // The catalog refuses anonymous callers: the legacy plugin gets through only with its token.
    await request(backend.server).get('/api/catalog/entities/by-name/component/default/checkout').expect(401);

    const specs = await request(backend.server).get('/api/badges/entity/default/component/checkout/badge-specs').expect(200);
    const lifecycle = specs.body.find((spec: { id: string }) => spec.id === 'lifecycle');
    expect(lifecycle).toMatchObject({ badge: { label: 'lifecycle', message: 'production' } });
    expect(lifecycle.url).toBe(`https://backstage.example/api/badges/entity/default/component/checkout/badge/lifecycle`);

    const svg = await request(backend.server).get('/api/badges/entity/default/component/checkout/badge/lifecycle').expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(svg.body)).toContain('production');

    const missing = await request(backend.server).get('/api/badges/entity/default/component/nope/badge-specs').expect(404);
    expect(missing.body.error).toMatchObject({ name: 'NotFoundError', message: 'No component entity in default named "nope"' });

    // Every catalog call carried the badges plugin's own service identity, minted by the legacy tokenManager.
    expect(callers).toEqual(Array(3).fill({ type: 'service', subject: 'plugin:badges' }));
    await backend.stop();
  });

  it('@backstage/plugin-badges-backend in obfuscated mode knows the signed-in user through the legacy identity', async () => {
    const callers: Array<{ type: string; subject?: string }> = [];
    const discovery = liveDiscovery();
    const backend = await startTestBackend({
      features: [
        ...backendFeatures(new MockLogger(), { badges: legacyPluginFiles(plugins).badges }, { obfuscateBadges: true }),
        discovery.factory,
        nativeCatalogPlugin(callers),
      ],
    });
    discovery.state.origin = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;
    const { token } = issueUserToken({ secret: AUTH_SECRET, userEntityRef: 'user:default/jane' });

    // Only a signed-in user may learn an entity's badge id: an anonymous caller has nothing to show the catalog.
    await request(backend.server).get('/api/badges/entity/default/component/checkout/obfuscated').expect(401);
    const uuid = await request(backend.server)
      .get('/api/badges/entity/default/component/checkout/obfuscated')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    // The user's own token went on to the catalog.
    expect(callers).toEqual([{ type: 'user', subject: 'user:default/jane' }]);

    // The badge itself is public under the opaque id; the plugin asks the catalog with its own service token.
    const badge = await request(backend.server).get(`/api/badges/entity/${uuid.body.uuid}/lifecycle?format=json`).expect(200);
    expect(JSON.parse(badge.text)).toMatchObject({ badge: { label: 'lifecycle', message: 'production' } });
    expect(callers[1]).toEqual({ type: 'service', subject: 'plugin:badges' });
    await backend.stop();
  });
});
