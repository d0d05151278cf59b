import request from 'supertest';
import { Router } from 'express';
import { coreServices, createBackendPlugin, createServiceFactory, createServiceRef } from 'forklift/framework';
import { mockServices, startTestBackend, type MockLogger } from 'forklift/framework/testing';

function helloPlugin(events: string[] = []) {
  return createBackendPlugin({
    pluginId: 'hello',
    register(env) {
      env.registerInit({
        deps: {
          http: coreServices.httpRouter,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          lifecycle: coreServices.lifecycle,
        },
        async init({ http, config, logger, lifecycle }) {
          logger.info('hello plugin started');
          lifecycle.addShutdownHook(() => {
            events.push('hello shutdown');
          });
          const router = Router();
          router.get('/greeting', (_req, res) => {
            res.json({ greeting: config.getOptionalString('hello.greeting') ?? 'hi' });
          });
          http.addAuthPolicy({ path: '/greeting', allow: 'unauthenticated' });
          http.use(router);
        },
      });
    },
  });
}

describe('startTestBackend', () => {
  it('serves a plugin route on a free port, reachable with supertest', async () => {
    const backend = await startTestBackend({ features: [helloPlugin()] });
    const address = backend.server.address();
    expect(typeof address === 'object' && address?.port).toBeGreaterThan(0);
    const response = await request(backend.server).get('/api/hello/greeting');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ greeting: 'hi' });
    await backend.stop();
  });

  it('lets a feature replace the test config and records log lines', async () => {
    const rootLogger = mockServices.rootLogger() as MockLogger;
    const backend = await startTestBackend({
      features: [
        helloPlugin(),
        mockServices.rootConfig.factory({ data: { hello: { greeting: 'howdy' }, backend: { listen: { port: 7007 } } } }),
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => rootLogger }),
      ],
    });
    // The test router ignores the configured port so test backends never collide.
    const address = backend.server.address();
    expect(typeof address === 'object' && address?.port).not.toBe(7007);
    const response = await request(backend.server).get('/api/hello/greeting');
    expect(response.body).toEqual({ greeting: 'howdy' });
    expect(rootLogger.entries).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'hello plugin started', fields: { plugin: 'hello' } }),
    );
    await backend.stop();
  });

  it('stop() runs the shutdown hooks and closes the server', async () => {
    const events: string[] = [];
    const backend = await startTestBackend({ features: [helloPlugin(events)] });
    await backend.stop();
    expect(events).toEqual(['hello shutdown']);
    expect(backend.server.listening).toBe(false);
  });

  it('stops the backend again when start fails, and rejects with the startup error', async () => {
    const missing = createServiceRef<string>({ id: 'test.missing' });
    const failing = createBackendPlugin({
      pluginId: 'broken',
      register(env) {
        env.registerInit({ deps: { missing }, async init() {} });
      },
    });
    await expect(startTestBackend({ features: [failing] })).rejects.toMatchObject({ code: 'FORKLIFT_MISSING_DEPENDENCY' });
  });
});
