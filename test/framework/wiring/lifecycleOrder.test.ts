import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
  type LifecycleService,
} from 'forklift/framework';
import { makeBackend, rejectionOf } from './helpers';

/** A plugin that records its init and lifecycle hooks into `events`. */
function recordingPlugin(pluginId: string, events: string[], options: { failShutdown?: boolean } = {}) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { lifecycle: coreServices.lifecycle },
        async init({ lifecycle }) {
          events.push(`init ${pluginId}`);
          lifecycle.addStartupHook(() => {
            events.push(`startup ${pluginId}`);
          });
          lifecycle.addShutdownHook(async () => {
            events.push(`shutdown ${pluginId}`);
            if (options.failShutdown) throw new Error(`${pluginId} could not close`);
          });
        },
      });
    },
  });
}

/** A root service that records root lifecycle hooks. */
function recordingRootService(events: string[]) {
  const ref = createServiceRef<void>({ id: 'test.rootHooks', scope: 'root' });
  return createServiceFactory({
    service: ref,
    deps: { rootLifecycle: coreServices.rootLifecycle },
    factory({ rootLifecycle }) {
      rootLifecycle.addStartupHook(() => {
        events.push('root startup');
      });
      rootLifecycle.addBeforeShutdownHook(() => {
        events.push('root before-shutdown');
      });
      rootLifecycle.addShutdownHook(() => {
        events.push('root shutdown');
      });
    },
  });
}

describe('start and shutdown order', () => {
  it("starts a plugin's modules first, a module providing an extension point after the modules using it (as Backstage), then the plugin", async () => {
    const events: string[] = [];
    const pluginEp = createExtensionPoint<{ add(item: string): void }>({ id: 'test.order.plugin' });
    const moduleEp = createExtensionPoint<{ note(item: string): void }>({ id: 'test.order.module' });
    const { backend } = makeBackend();
    backend.add(
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'consumer',
        register(env) {
          env.registerInit({
            deps: { fromModule: moduleEp, fromPlugin: pluginEp },
            async init({ fromModule, fromPlugin }) {
              events.push('init module consumer');
              fromModule.note('from consumer');
              fromPlugin.add('consumer');
            },
          });
        },
      }),
    );
    backend.add(
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'independent',
        register(env) {
          env.registerInit({
            deps: { fromPlugin: pluginEp },
            async init({ fromPlugin }) {
              events.push('init module independent');
              fromPlugin.add('independent');
            },
          });
        },
      }),
    );
    backend.add(
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'provider',
        register(env) {
          const notes: string[] = [];
          env.registerExtensionPoint(moduleEp, { note: (item) => notes.push(item) });
          env.registerInit({
            deps: { fromPlugin: pluginEp },
            async init({ fromPlugin }) {
              events.push(`init module provider with ${notes.join(',')}`);
              fromPlugin.add('provider');
            },
          });
        },
      }),
    );
    backend.add(
      createBackendPlugin({
        pluginId: 'catalog',
        register(env) {
          const items: string[] = [];
          env.registerExtensionPoint(pluginEp, { add: (item) => items.push(item) });
          env.registerInit({
            deps: {},
            async init() {
              events.push(`init plugin catalog with ${items.join(',')}`);
            },
          });
        },
      }),
    );
    await backend.start();
    expect(events).toEqual([
      'init module consumer',
      'init module independent',
      'init module provider with from consumer',
      'init plugin catalog with consumer,independent,provider',
    ]);
    await backend.stop();
  });

  it('names the modules of a cycle of extension points', async () => {
    const one = createExtensionPoint<string>({ id: 'test.cycle.one' });
    const two = createExtensionPoint<string>({ id: 'test.cycle.two' });
    const { backend } = makeBackend();
    backend.add(createBackendPlugin({ pluginId: 'loop', register: (env) => env.registerInit({ deps: {}, async init() {} }) }));
    backend.add(
      createBackendModule({
        pluginId: 'loop',
        moduleId: 'left',
        register(env) {
          env.registerExtensionPoint(one, 'one');
          env.registerInit({ deps: { two }, async init() {} });
        },
      }),
    );
    backend.add(
      createBackendModule({
        pluginId: 'loop',
        moduleId: 'right',
        register(env) {
          env.registerExtensionPoint(two, 'two');
          env.registerInit({ deps: { one }, async init() {} });
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_MODULE_CYCLE');
    expect(error.message).toBe(
      "Modules of plugin 'loop' consume each other's extension points in a cycle: module 'left' -> module 'right' -> module 'left'. " +
        'Fix: move one of these extension points to the plugin itself, or merge the modules.',
    );
  });

  it('starts independent plugins in parallel', async () => {
    const events: string[] = [];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const { backend } = makeBackend();
    // 'waiting' can only finish once 'opener' has run: sequential start would never get there.
    backend.add(
      createBackendPlugin({
        pluginId: 'waiting',
        register: (env) =>
          env.registerInit({
            deps: {},
            async init() {
              events.push('waiting begins');
              await gate;
              events.push('waiting ends');
            },
          }),
      }),
    );
    backend.add(
      createBackendPlugin({
        pluginId: 'opener',
        register: (env) =>
          env.registerInit({
            deps: {},
            async init() {
              events.push('opener runs');
              openGate();
            },
          }),
      }),
    );
    await backend.start();
    expect(events).toEqual(['waiting begins', 'opener runs', 'waiting ends']);
    await backend.stop();
  });

  it('runs startup hooks after every plugin, and shutdown as before-shutdown, plugin hooks, root hooks', async () => {
    const events: string[] = [];
    const { backend } = makeBackend({ extra: [recordingRootService(events)] });
    backend.add(recordingPlugin('first', events));
    backend.add(recordingPlugin('second', events));
    await backend.start();
    events.push('started');
    await backend.stop();
    expect(events).toEqual([
      'init first',
      'init second',
      'startup first',
      'startup second',
      'root startup',
      'started',
      'root before-shutdown',
      'shutdown first',
      'shutdown second',
      'root shutdown',
    ]);
  });

  it('stop() is idempotent: hooks run once, also for concurrent calls', async () => {
    const events: string[] = [];
    const { backend } = makeBackend({ extra: [recordingRootService(events)] });
    backend.add(recordingPlugin('only', events));
    await backend.start();
    events.length = 0;
    await Promise.all([backend.stop(), backend.stop()]);
    await backend.stop();
    expect(events).toEqual(['root before-shutdown', 'shutdown only', 'root shutdown']);
  });

  it('stop() during start waits for start to finish, then shuts down', async () => {
    const events: string[] = [];
    const { backend } = makeBackend();
    backend.add(recordingPlugin('slow', events));
    const started = backend.start();
    const stopped = backend.stop();
    await started;
    await stopped;
    expect(events).toEqual(['init slow', 'startup slow', 'shutdown slow']);
  });

  it('stop() before start() resolves', async () => {
    const { backend } = makeBackend();
    await expect(backend.stop()).resolves.toBeUndefined();
  });

  it('logs failing hooks with the plugin id instead of throwing, and still runs the others', async () => {
    const events: string[] = [];
    const { backend, logger } = makeBackend({ extra: [recordingRootService(events)] });
    backend.add(recordingPlugin('fragile', events, { failShutdown: true }));
    backend.add(recordingPlugin('sturdy', events));
    backend.add(
      createBackendPlugin({
        pluginId: 'bad-start',
        register: (env) =>
          env.registerInit({
            deps: { lifecycle: coreServices.lifecycle },
            async init({ lifecycle }) {
              lifecycle.addStartupHook(() => {
                throw new Error('warm-up failed');
              });
            },
          }),
      }),
    );
    await backend.start();
    await expect(backend.stop()).resolves.toBeUndefined();
    expect(events).toContain('shutdown sturdy');
    expect(events).toContain('root shutdown');
    expect(logger.entries).toContainEqual({
      level: 'error',
      message: "Startup hook of plugin 'bad-start' failed: warm-up failed",
      fields: { plugin: 'bad-start', error: 'warm-up failed' },
    });
    expect(logger.entries).toContainEqual({
      level: 'error',
      message: "Shutdown hook of plugin 'fragile' failed: fragile could not close",
      fields: { plugin: 'fragile', error: 'fragile could not close' },
    });
  });

  it('refuses a startup hook added after startup, with a clear error', async () => {
    let lifecycle!: LifecycleService;
    const { backend } = makeBackend();
    backend.add(
      createBackendPlugin({
        pluginId: 'late',
        register: (env) =>
          env.registerInit({
            deps: { lifecycle: coreServices.lifecycle },
            async init(deps) {
              lifecycle = deps.lifecycle;
            },
          }),
      }),
    );
    await backend.start();
    let error: { code?: string; message?: string } = {};
    try {
      lifecycle.addStartupHook(() => {});
    } catch (e) {
      error = e as { code?: string; message?: string };
    }
    expect(error.code).toBe('FORKLIFT_LIFECYCLE_HOOK_TOO_LATE');
    expect(error.message).toBe(
      "Plugin 'late' added a startup hook after the backend had started, so it would never run. " +
        'Fix: add startup hooks during plugin or service initialisation, or run the code directly now.',
    );
    // Shutdown hooks may still be added after startup (services created later need them).
    expect(() => lifecycle.addShutdownHook(() => {})).not.toThrow();
    await backend.stop();
    expect(() => lifecycle.addShutdownHook(() => {})).toThrow(
      "Plugin 'late' added a shutdown hook after the backend had begun shutting down, so it would never run.",
    );
  });
});
