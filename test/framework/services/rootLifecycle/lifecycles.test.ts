import { coreServices } from 'forklift/framework';
import { MockLogger, mockServices, ServiceFactoryTester } from 'forklift/framework/testing';
import { PluginLifecycle, lifecycleServiceFactory } from '../../../../framework/services/lifecycle';
import { RootLifecycle, rootLifecycleServiceFactory } from '../../../../framework/services/rootLifecycle';
import { messageOf } from '../../../../framework/wiring';

describe('RootLifecycle and PluginLifecycle', () => {
  function setup() {
    const logger = new MockLogger();
    const root = new RootLifecycle(logger);
    const plugin = (pluginId: string) => new PluginLifecycle(pluginId, root, logger.child({ plugin: pluginId }));
    return { logger, root, plugin };
  }

  it('orders startup as plugin hooks then root hooks, and shutdown as before-shutdown, plugin hooks, root hooks', async () => {
    const { root, plugin } = setup();
    const events: string[] = [];
    const record = (name: string) => () => {
      events.push(name);
    };
    // Registered in the opposite order on purpose: the phases decide, not the registration order.
    root.addShutdownHook(record('root shutdown'));
    root.addStartupHook(record('root startup'));
    root.addBeforeShutdownHook(record('root before-shutdown'));
    plugin('a').addShutdownHook(record('a shutdown'));
    plugin('a').addStartupHook(record('a startup'));
    plugin('b').addStartupHook(record('b startup'));
    await root.startup();
    await root.beforeShutdown();
    await root.shutdown();
    expect(events).toEqual(['a startup', 'b startup', 'root startup', 'root before-shutdown', 'a shutdown', 'root shutdown']);
  });

  it('returns and logs hook errors with the plugin id, running the other hooks', async () => {
    const { logger, root, plugin } = setup();
    const ran: string[] = [];
    plugin('broken').addShutdownHook(() => {
      throw new Error('socket busy');
    });
    plugin('fine').addShutdownHook(async () => {
      ran.push('fine');
    });
    root.addShutdownHook(() => {
      throw new Error('root trouble');
    });
    const errors = await root.shutdown();
    expect(errors.map((e) => messageOf(e))).toEqual(['socket busy', 'root trouble']);
    expect(ran).toEqual(['fine']);
    expect(logger.entries).toEqual([
      {
        level: 'error',
        message: "Shutdown hook of plugin 'broken' failed: socket busy",
        fields: { plugin: 'broken', error: 'socket busy' },
      },
      { level: 'error', message: 'Shutdown hook of the root lifecycle failed: root trouble', fields: { error: 'root trouble' } },
    ]);
  });

  it('logs through the logger passed with a hook', async () => {
    const { root, plugin } = setup();
    const own = new MockLogger();
    plugin('p').addStartupHook(
      () => {
        throw new Error('nope');
      },
      { logger: own },
    );
    await root.startup();
    expect(own.entries).toEqual([
      { level: 'error', message: "Startup hook of plugin 'p' failed: nope", fields: { plugin: 'p', error: 'nope' } },
    ]);
  });

  it('refuses startup hooks after startup and shutdown hooks after shutdown began', async () => {
    const { root, plugin } = setup();
    await root.startup();
    expect(() => root.addStartupHook(() => {})).toThrow(
      expect.objectContaining({
        code: 'FORKLIFT_LIFECYCLE_HOOK_TOO_LATE',
        message:
          'The root lifecycle added a startup hook after the backend had started, so it would never run. ' +
          'Fix: add startup hooks during plugin or service initialisation, or run the code directly now.',
      }),
    );
    plugin('p').addShutdownHook(() => {});
    await root.beforeShutdown();
    expect(() => root.addBeforeShutdownHook(() => {})).toThrow(
      'The root lifecycle added a before-shutdown hook after the backend had begun shutting down, so it would never run. ' +
        'Fix: add before-shutdown hooks during plugin or service initialisation.',
    );
    expect(() => plugin('p').addShutdownHook(() => {})).toThrow(
      "Plugin 'p' added a shutdown hook after the backend had begun shutting down",
    );
  });

  it('runs each hook once even when shutdown is driven twice', async () => {
    const { root, plugin } = setup();
    let runs = 0;
    plugin('p').addShutdownHook(() => {
      runs++;
    });
    await root.shutdown();
    await root.shutdown();
    expect(runs).toBe(1);
  });

  it('rejects a hook that is not a function', () => {
    const { plugin } = setup();
    expect(() => plugin('p').addStartupHook('soon' as never)).toThrow(
      expect.objectContaining({
        code: 'FORKLIFT_INVALID_LIFECYCLE_HOOK',
        message: 'Plugin \'p\' passed string "soon" as a startup hook. Fix: pass a function () => void | Promise<void>.',
      }),
    );
  });

  it('falls back to the public root API when the root lifecycle is a custom implementation', async () => {
    const root = mockServices.rootLifecycle.mock();
    const logger = new MockLogger();
    const lifecycle = new PluginLifecycle('p', root, logger);
    const hook = () => {};
    lifecycle.addShutdownHook(hook);
    expect(root.addShutdownHook).toHaveBeenCalledWith(hook, { logger });
  });

  it('has factories wiring the plugin lifecycle into the root one', async () => {
    const tester = ServiceFactoryTester.from(lifecycleServiceFactory, {
      dependencies: [rootLifecycleServiceFactory, mockServices.logger.factory()],
    });
    const lifecycle = await tester.getSubject('wired');
    const root = (await tester.getService(coreServices.rootLifecycle)) as RootLifecycle;
    const events: string[] = [];
    lifecycle.addShutdownHook(() => {
      events.push('wired shutdown');
    });
    await root.shutdown();
    expect(events).toEqual(['wired shutdown']);
  });
});
