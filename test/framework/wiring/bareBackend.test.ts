import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  createServiceRef,
  createSpecializedBackend,
} from 'forklift/framework';
import { MockLogger, mockServices } from 'forklift/framework/testing';
import { rejectionOf, thrownBy } from './helpers';

describe('createSpecializedBackend', () => {
  it('runs without any rootLogger or rootConfig factory, using quiet logging and no config', async () => {
    const ran: string[] = [];
    const backend = createSpecializedBackend({ defaultServiceFactories: [] });
    backend.add(
      createBackendPlugin({
        pluginId: 'bare',
        register: (env) =>
          env.registerInit({
            deps: { meta: coreServices.pluginMetadata },
            async init({ meta }) {
              ran.push(meta.getId());
            },
          }),
      }),
    );
    await backend.start();
    await backend.stop();
    expect(ran).toEqual(['bare']);
  });

  it('still reports a plugin that needs config when there is none', async () => {
    const backend = createSpecializedBackend({ defaultServiceFactories: [] });
    backend.add(
      createBackendPlugin({
        pluginId: 'configured',
        register: (env) => env.registerInit({ deps: { config: coreServices.rootConfig }, async init() {} }),
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_MISSING_DEPENDENCY');
    expect(error.message).toContain("  - plugin 'configured' needs serviceRef{core.rootConfig}\n");
  });

  it('refuses options without defaultServiceFactories', () => {
    const error = thrownBy(() => createSpecializedBackend({} as never));
    expect(error.code).toBe('FORKLIFT_INVALID_BACKEND_OPTIONS');
    expect(error.message).toBe(
      'createSpecializedBackend got an object with keys []. Fix: pass { defaultServiceFactories: ServiceFactory[] } (use [] for none).',
    );
  });

  it("gives modules their plugin's logger, with the module id on every line", async () => {
    const root = new MockLogger();
    const backend = createSpecializedBackend({
      defaultServiceFactories: [
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => root }),
        mockServices.logger.factory(),
      ],
    });
    let pluginLogger: unknown;
    const seenByService: unknown[] = [];
    const usesLogger = createServiceRef<void>({ id: 'test.usesLogger' });
    backend.add(
      createServiceFactory({
        service: usesLogger,
        deps: { logger: coreServices.logger },
        factory: ({ logger }) => {
          seenByService.push(logger);
        },
      }),
    );
    backend.add(
      createBackendPlugin({
        pluginId: 'host',
        register: (env) =>
          env.registerInit({
            deps: { logger: coreServices.logger, s: usesLogger },
            async init({ logger }) {
              pluginLogger = logger;
              logger.info('plugin line');
            },
          }),
      }),
    );
    backend.add(
      createBackendModule({
        pluginId: 'host',
        moduleId: 'extra',
        register: (env) =>
          env.registerInit({
            deps: { logger: coreServices.logger },
            async init({ logger }) {
              logger.info('module line');
            },
          }),
      }),
    );
    await backend.start();
    await backend.stop();
    const lines = (pluginLogger as MockLogger).entries;
    expect(lines).toEqual([
      { level: 'info', message: 'module line', fields: { plugin: 'host', module: 'extra' } },
      { level: 'info', message: 'plugin line', fields: { plugin: 'host' } },
    ]);
    // Services keep the plain plugin logger: only the module's own init deps carry the module id.
    expect(seenByService).toEqual([pluginLogger]);
  });

  it('lets go of the process signals when start fails', async () => {
    const before = process.listenerCount('SIGTERM');
    const backend = createSpecializedBackend({ defaultServiceFactories: [], handleProcessSignals: true });
    backend.add(
      createBackendPlugin({
        pluginId: 'doomed',
        register: (env) =>
          env.registerInit({
            deps: {},
            async init() {
              throw new Error('nope');
            },
          }),
      }),
    );
    await rejectionOf(backend.start());
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});

describe('fallback logging', () => {
  it('writes errors to stderr when there is no rootLogger, and nothing for info', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const backend = createSpecializedBackend({
        defaultServiceFactories: [
          mockServices.rootConfig.factory({ data: { backend: { startup: { default: { onPluginBootFailure: 'continue' } } } } }),
        ],
      });
      backend.add(
        createBackendPlugin({
          pluginId: 'flaky',
          register: (env) =>
            env.registerInit({
              deps: {},
              async init() {
                throw new Error('disk full');
              },
            }),
        }),
      );
      await backend.start();
      await backend.stop();
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([
      "[forklift] error: Plugin 'flaky' failed to start: disk full. Fix: correct the plugin, or set " +
        'backend.startup.plugins.flaky.onPluginBootFailure: continue to start the backend without it. ' +
        'Continuing without it (onPluginBootFailure: continue). {"plugin":"flaky"}\n',
    ]);
  });
});
