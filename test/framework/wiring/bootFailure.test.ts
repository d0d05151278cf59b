import { createBackendModule, createBackendPlugin } from 'forklift/framework';
import { makeBackend, rejectionOf } from './helpers';

function plugin(pluginId: string, started: string[], fail = false) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {},
        async init() {
          if (fail) throw new Error(`${pluginId} exploded`);
          started.push(pluginId);
        },
      });
    },
  });
}

function module(pluginId: string, moduleId: string, started: string[], fail = false) {
  return createBackendModule({
    pluginId,
    moduleId,
    register(env) {
      env.registerInit({
        deps: {},
        async init() {
          if (fail) throw new Error(`${moduleId} exploded`);
          started.push(`${pluginId}.${moduleId}`);
        },
      });
    },
  });
}

describe('boot-failure policy', () => {
  it('aborts by default, collecting every failed plugin into one error', async () => {
    const started: string[] = [];
    const { backend } = makeBackend();
    backend.add(plugin('good', started));
    backend.add(plugin('bad-one', started, true));
    backend.add(plugin('bad-two', started, true));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_STARTUP_FAILED');
    expect(error.errors.map((e) => e.code)).toEqual(['FORKLIFT_PLUGIN_INIT_FAILED', 'FORKLIFT_PLUGIN_INIT_FAILED']);
    expect(error.errors[0].message).toBe(
      "Plugin 'bad-one' failed to start: bad-one exploded. " +
        'Fix: correct the plugin, or set backend.startup.plugins.bad-one.onPluginBootFailure: continue to start the backend without it.',
    );
    expect(error.message).toContain("[FORKLIFT_PLUGIN_INIT_FAILED] Plugin 'bad-two' failed to start: bad-two exploded.");
    expect(started).toEqual(['good']);
  });

  it('continues without a failed plugin when the default says continue, and logs it', async () => {
    const started: string[] = [];
    const { backend, logger } = makeBackend({ config: { backend: { startup: { default: { onPluginBootFailure: 'continue' } } } } });
    backend.add(plugin('good', started));
    backend.add(plugin('bad', started, true));
    await backend.start();
    expect(started).toEqual(['good']);
    expect(logger.entries).toContainEqual({
      level: 'error',
      message:
        "Plugin 'bad' failed to start: bad exploded. Fix: correct the plugin, or set backend.startup.plugins.bad.onPluginBootFailure: continue " +
        'to start the backend without it. Continuing without it (onPluginBootFailure: continue).',
      fields: { plugin: 'bad' },
    });
    await backend.stop();
  });

  it('applies per-plugin overrides over the default', async () => {
    const started: string[] = [];
    const { backend } = makeBackend({
      config: {
        backend: {
          startup: {
            default: { onPluginBootFailure: 'continue' },
            plugins: { strict: { onPluginBootFailure: 'abort' } },
          },
        },
      },
    });
    backend.add(plugin('lenient', started, true));
    backend.add(plugin('strict', started, true));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_PLUGIN_INIT_FAILED');
    expect(error.message).toMatch(/^Plugin 'strict' failed to start: strict exploded\./);

    const second = makeBackend({ config: { backend: { startup: { plugins: { lenient: { onPluginBootFailure: 'continue' } } } } } }).backend;
    second.add(plugin('lenient', started, true));
    second.add(plugin('fine', started));
    await second.start();
    expect(started).toEqual(['fine']);
    await second.stop();
  });

  it('fails the plugin when one of its modules fails, by default', async () => {
    const started: string[] = [];
    const { backend } = makeBackend();
    backend.add(plugin('host', started));
    backend.add(module('host', 'broken', started, true));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_MODULE_INIT_FAILED');
    expect(error.message).toBe(
      "Module 'broken' of plugin 'host' failed to start: broken exploded. " +
        'Fix: correct the module, or set backend.startup.plugins.host.modules.broken.onPluginModuleBootFailure: continue to start the plugin without it.',
    );
    expect(started).toEqual([]);
  });

  it('starts the plugin without a failed module under a per-module continue', async () => {
    const started: string[] = [];
    const { backend, logger } = makeBackend({
      config: { backend: { startup: { plugins: { host: { modules: { broken: { onPluginModuleBootFailure: 'continue' } } } } } } },
    });
    backend.add(plugin('host', started));
    backend.add(module('host', 'broken', started, true));
    backend.add(module('host', 'working', started));
    await backend.start();
    expect(started).toEqual(['host.working', 'host']);
    expect(logger.entries.map((e) => e.fields)).toContainEqual({ plugin: 'host', module: 'broken' });
    await backend.stop();
  });

  it('applies the default module policy', async () => {
    const started: string[] = [];
    const { backend } = makeBackend({ config: { backend: { startup: { default: { onPluginModuleBootFailure: 'continue' } } } } });
    backend.add(plugin('host', started));
    backend.add(module('host', 'broken', started, true));
    await backend.start();
    expect(started).toEqual(['host']);
    await backend.stop();
  });

  it('rejects an unknown policy value, naming the key', async () => {
    const { backend } = makeBackend({ config: { backend: { startup: { plugins: { host: { onPluginBootFailure: 'ignore' } } } } } });
    backend.add(plugin('host', []));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_INVALID_BOOT_FAILURE_POLICY');
    expect(error.message).toBe(
      "Invalid value \"ignore\" for config key 'backend.startup.plugins.host.onPluginBootFailure'. Fix: use 'abort' or 'continue'.",
    );
  });
});
