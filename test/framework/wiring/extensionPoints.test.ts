import { createBackendModule, createBackendPlugin, createExtensionPoint } from 'forklift/framework';
import { makeBackend, rejectionOf } from './helpers';

interface Registry {
  add(item: string): void;
}

const registryPoint = createExtensionPoint<Registry>({ id: 'test.ep.registry' });

function ownerPlugin(pluginId: string, seen: string[][] = []) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      const items: string[] = [];
      env.registerExtensionPoint(registryPoint, { add: (item) => items.push(item) });
      env.registerInit({
        deps: {},
        async init() {
          seen.push([...items]);
        },
      });
    },
  });
}

function moduleUsing(pluginId: string, moduleId: string, onInit: (ep: Registry) => void) {
  return createBackendModule({
    pluginId,
    moduleId,
    register(env) {
      env.registerInit({
        deps: { ep: registryPoint },
        async init({ ep }) {
          onInit(ep);
        },
      });
    },
  });
}

describe('extension points', () => {
  it('hands modules the implementation their plugin registered', async () => {
    const seen: string[][] = [];
    const { backend } = makeBackend();
    backend.add(ownerPlugin('owner', seen));
    backend.add(moduleUsing('owner', 'adder', (ep) => ep.add('from module')));
    await backend.start();
    expect(seen).toEqual([['from module']]);
    await backend.stop();
  });

  it('calls the factory form once per consuming module, with its module id', async () => {
    const point = createExtensionPoint<{ who(): string }>({ id: 'test.ep.factory' });
    const contexts: Array<string | undefined> = [];
    const answers: string[] = [];
    const { backend } = makeBackend();
    backend.add(
      createBackendPlugin({
        pluginId: 'host',
        register(env) {
          env.registerExtensionPoint({
            extensionPoint: point,
            factory: ({ moduleId }) => {
              contexts.push(moduleId);
              return { who: () => `module ${moduleId}` };
            },
          });
          env.registerInit({ deps: {}, async init() {} });
        },
      }),
    );
    for (const moduleId of ['one', 'two']) {
      backend.add(
        createBackendModule({
          pluginId: 'host',
          moduleId,
          register(env) {
            env.registerInit({
              deps: { point },
              async init({ point: p }) {
                answers.push(p.who());
              },
            });
          },
        }),
      );
    }
    await backend.start();
    expect(contexts).toEqual(['one', 'two']);
    expect(answers).toEqual(['module one', 'module two']);
    await backend.stop();
  });

  it('locks an extension point once its plugin has initialised: a late call throws', async () => {
    let kept!: Registry;
    const seen: string[][] = [];
    const { backend } = makeBackend();
    backend.add(ownerPlugin('locked', seen));
    backend.add(moduleUsing('locked', 'keeper', (ep) => (kept = ep)));
    await backend.start();
    let error: { code?: string; message?: string } = {};
    try {
      kept.add('too late');
    } catch (e) {
      error = e as { code?: string; message?: string };
    }
    expect(error.code).toBe('FORKLIFT_EXTENSION_POINT_LOCKED');
    expect(error.message).toBe(
      "extensionPoint{test.ep.registry}.add was used after plugin 'locked' had finished initialising; " +
        'extension points are locked once their plugin has started, because the plugin has already read them. ' +
        "Fix: call the extension point inside the module's init function, not later (from a startup hook, timer or request).",
    );
    expect(seen).toEqual([[]]);
    await backend.stop();
  });

  it('locks a function-valued extension point too', async () => {
    const point = createExtensionPoint<(item: string) => void>({ id: 'test.ep.function' });
    let kept!: (item: string) => void;
    const items: string[] = [];
    const { backend } = makeBackend();
    backend.add(
      createBackendPlugin({
        pluginId: 'fn-host',
        register(env) {
          env.registerExtensionPoint(point, (item: string) => {
            items.push(item);
          });
          env.registerInit({ deps: {}, async init() {} });
        },
      }),
    );
    backend.add(
      createBackendModule({
        pluginId: 'fn-host',
        moduleId: 'caller',
        register(env) {
          env.registerInit({
            deps: { point },
            async init({ point: p }) {
              p('in time');
              kept = p;
            },
          });
        },
      }),
    );
    await backend.start();
    expect(() => kept('late')).toThrow("extensionPoint{test.ep.function} was used after plugin 'fn-host' had finished initialising");
    expect(items).toEqual(['in time']);
    await backend.stop();
  });

  it("refuses a module using another plugin's extension point", async () => {
    const { backend } = makeBackend();
    backend.add(ownerPlugin('owner'));
    backend.add(createBackendPlugin({ pluginId: 'other', register: (env) => env.registerInit({ deps: {}, async init() {} }) }));
    backend.add(moduleUsing('other', 'intruder', () => {}));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_FOREIGN_EXTENSION_POINT');
    expect(error.message).toBe(
      "Module 'intruder' of plugin 'other' depends on extensionPoint{test.ep.registry}, which belongs to plugin 'owner'; " +
        "a module can only use the extension points of the plugin it extends. Fix: create this module with pluginId 'owner'.",
    );
  });

  it('refuses an extension point registered twice', async () => {
    const { backend } = makeBackend();
    backend.add(ownerPlugin('owner'));
    backend.add(
      createBackendModule({
        pluginId: 'owner',
        moduleId: 'copycat',
        register(env) {
          env.registerExtensionPoint(registryPoint, { add: () => {} });
          env.registerInit({ deps: {}, async init() {} });
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_DUPLICATE_EXTENSION_POINT');
    expect(error.message).toBe(
      "extensionPoint{test.ep.registry} is registered by both plugin 'owner' and module 'copycat' of plugin 'owner'; " +
        'an extension point has one provider. Fix: register it in one place only, or give one of them another id.',
    );
  });

  it('refuses a module whose plugin is not installed', async () => {
    const { backend } = makeBackend();
    backend.add(moduleUsing('ghost', 'haunting', () => {}));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_MODULE_WITHOUT_PLUGIN');
    expect(error.message).toBe(
      "Module 'haunting' was added for plugin 'ghost', but plugin 'ghost' is not installed. " +
        "Fix: backend.add() the 'ghost' plugin as well, or remove the module.",
    );
  });

  it('refuses duplicate plugins and duplicate modules', async () => {
    const first = makeBackend().backend;
    first.add(ownerPlugin('twin'));
    first.add(ownerPlugin('twin'));
    const pluginError = await rejectionOf(first.start());
    expect(pluginError.code).toBe('FORKLIFT_DUPLICATE_PLUGIN');
    expect(pluginError.message).toBe(
      "Plugin 'twin' was added more than once. Fix: remove the duplicate backend.add(...) of plugin 'twin'.",
    );

    const second = makeBackend().backend;
    second.add(ownerPlugin('host'));
    second.add(moduleUsing('host', 'same', () => {}));
    second.add(moduleUsing('host', 'same', () => {}));
    const moduleError = await rejectionOf(second.start());
    expect(moduleError.code).toBe('FORKLIFT_DUPLICATE_MODULE');
    expect(moduleError.message).toBe(
      "Module 'same' of plugin 'host' was added more than once. Fix: remove the duplicate backend.add(...) of that module.",
    );
  });

  it('reports registration rule violations with the plugin name', async () => {
    const { backend } = makeBackend();
    backend.add(
      createBackendPlugin({
        pluginId: 'double-init',
        register(env) {
          env.registerInit({ deps: {}, async init() {} });
          env.registerInit({ deps: {}, async init() {} });
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_INVALID_REGISTRATION');
    expect(error.message).toBe(
      "plugin{double-init}: Plugin 'double-init' called registerInit more than once; combine the init functions into one",
    );
  });
});
