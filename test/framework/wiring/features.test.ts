import {
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  createServiceRef,
} from 'forklift/framework';
import { rootInstanceMetadataServiceFactory } from '../../../framework/services/rootInstanceMetadata';
import { importedStarted } from './featureModules/importedPlugin';
import { makeBackend, rejectionOf, thrownBy } from './helpers';

function plugin(pluginId: string, started?: string[]) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {},
        async init() {
          started?.push(pluginId);
        },
      });
    },
  });
}

function module(pluginId: string, moduleId: string, started?: string[]) {
  return createBackendModule({
    pluginId,
    moduleId,
    register(env) {
      env.registerInit({
        deps: {},
        async init() {
          started?.push(`${pluginId}.${moduleId}`);
        },
      });
    },
  });
}

async function installedPlugins(add: (backend: ReturnType<typeof makeBackend>['backend']) => void) {
  const { backend } = makeBackend({ extra: [rootInstanceMetadataServiceFactory] });
  let listed: unknown;
  backend.add(
    createBackendPlugin({
      pluginId: 'observer',
      register(env) {
        env.registerInit({
          deps: { meta: coreServices.rootInstanceMetadata },
          async init({ meta }) {
            listed = await meta.getInstalledPlugins();
          },
        });
      },
    }),
  );
  add(backend);
  await backend.start();
  await backend.stop();
  return listed;
}

describe('backend.add', () => {
  it('accepts a feature, its callable form, import() promises (also doubled default), and early-alpha functions', async () => {
    const started: string[] = [];
    const { backend } = makeBackend();
    backend.add(plugin('direct', started));
    backend.add(plugin('called', started)());
    backend.add(Promise.resolve({ default: plugin('promised', started) }));
    backend.add(Promise.resolve({ default: { default: plugin('doubled', started) } }));
    backend.add(() => plugin('alpha', started));
    backend.add(import('./featureModules/importedPlugin'));
    await backend.start();
    expect(started.sort()).toEqual(['alpha', 'called', 'direct', 'doubled', 'promised']);
    expect(importedStarted).toEqual(['imported']);
    await backend.stop();
  });

  it('takes service factories, which replace the defaults', async () => {
    const ref = createServiceRef<string>({ id: 'test.added', scope: 'root' });
    let value: string | undefined;
    const { backend } = makeBackend({ extra: [createServiceFactory({ service: ref, deps: {}, factory: () => 'default' })] });
    backend.add(Promise.resolve({ default: createServiceFactory({ service: ref, deps: {}, factory: () => 'added' }) }));
    backend.add(
      createBackendPlugin({
        pluginId: 'reader',
        register: (env) =>
          env.registerInit({
            deps: { s: ref },
            async init({ s }) {
              value = s;
            },
          }),
      }),
    );
    await backend.start();
    expect(value).toBe('added');
    await backend.stop();
  });

  it('rejects something that is not a feature at the add() call, naming what it got', () => {
    const { backend } = makeBackend();
    const error = thrownBy(() => backend.add({ pluginId: 'oops' }));
    expect(error.code).toBe('FORKLIFT_INVALID_FEATURE');
    expect(error.message).toBe(
      'backend.add() got an object with keys [pluginId], which is not a backend feature. ' +
        'Fix: pass a plugin, module, service factory or feature loader, or an import() of a module whose default export is one.',
    );
    expect(thrownBy(() => backend.add(undefined)).message).toMatch(/^backend.add\(\) got undefined, which is not a backend feature/);
  });

  it('reports a bad or failed import() at start', async () => {
    const { backend } = makeBackend();
    backend.add(Promise.resolve({ default: 42 }));
    backend.add(Promise.reject(new Error('Cannot find module ./missing')));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_STARTUP_FAILED');
    expect(error.errors.map((e) => e.code)).toEqual(['FORKLIFT_INVALID_FEATURE', 'FORKLIFT_INVALID_FEATURE']);
    expect(error.errors[0].message).toMatch(/^backend.add\(\) got an object with keys \[default\], which is not a backend feature/);
    expect(error.errors[1].message).toBe(
      'backend.add() got a promise that rejected: Cannot find module ./missing. ' +
        'Fix: check the import() path and that the module loads on its own (the original error is in `cause`).',
    );
  });

  it('refuses add() after start() and a second start()', async () => {
    const { backend } = makeBackend();
    backend.add(plugin('early'));
    await backend.start();
    const error = thrownBy(() => backend.add(plugin('late')));
    expect(error.code).toBe('FORKLIFT_ADD_AFTER_START');
    expect(error.message).toBe(
      'backend.add() was called after backend.start(); the set of features is fixed once the backend starts. Fix: add every feature before calling start().',
    );
    const again = await rejectionOf(backend.start());
    expect(again.code).toBe('FORKLIFT_ALREADY_STARTED');
    expect(again.message).toBe('backend.start() was called more than once. Fix: call start() once; to restart, create a new backend.');
    await backend.stop();
  });
});

describe('feature loaders', () => {
  it('load arrays, iterables, async generators, import() promises and nested loaders, with root deps', async () => {
    const started: string[] = [];
    const { backend } = makeBackend({ config: { features: { enabled: ['gen-a', 'gen-b'] } } });
    backend.add(createBackendFeatureLoader({ loader: () => [plugin('from-array', started), module('from-array', 'mod', started)] }));
    backend.add(createBackendFeatureLoader({ loader: () => new Set([plugin('from-set', started)]) }));
    backend.add(
      createBackendFeatureLoader({
        deps: { config: coreServices.rootConfig },
        async *loader({ config }) {
          for (const id of config.getStringArray('features.enabled')) yield plugin(id, started);
        },
      }),
    );
    backend.add(createBackendFeatureLoader({ loader: async () => [Promise.resolve({ default: plugin('from-import', started) })] }));
    backend.add(
      createBackendFeatureLoader({
        loader: () => [
          createBackendFeatureLoader({ loader: () => [createBackendFeatureLoader({ loader: () => [plugin('nested', started)] })] }),
        ],
      }),
    );
    await backend.start();
    expect(started.sort()).toEqual(['from-array', 'from-array.mod', 'from-import', 'from-set', 'gen-a', 'gen-b', 'nested']);
    await backend.stop();
  });

  it('can provide service factories', async () => {
    const ref = createServiceRef<string>({ id: 'test.fromLoader' });
    let value: string | undefined;
    const { backend } = makeBackend();
    backend.add(createBackendFeatureLoader({ loader: () => [createServiceFactory({ service: ref, deps: {}, factory: () => 'loaded' })] }));
    backend.add(
      createBackendPlugin({
        pluginId: 'reader',
        register: (env) =>
          env.registerInit({
            deps: { s: ref },
            async init({ s }) {
              value = s;
            },
          }),
      }),
    );
    await backend.start();
    expect(value).toBe('loaded');
    await backend.stop();
  });

  it('names the loader that failed', async () => {
    const { backend } = makeBackend();
    backend.add(
      createBackendFeatureLoader({
        loader: () => {
          throw new Error('manifest unreadable');
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_FEATURE_LOADER_FAILED');
    expect(error.message).toMatch(
      /^The feature loader created at .*features\.test\.ts:\d+:\d+\)? failed: manifest unreadable\. Fix: check that loader \(the original error is in `cause`\)\.$/,
    );
    expect(error.cause.message).toBe('manifest unreadable');
  });

  it('refuses a factory from a loader for a service already created for another loader', async () => {
    const { backend } = makeBackend();
    backend.add(
      createBackendFeatureLoader({
        deps: { config: coreServices.rootConfig },
        loader: () => [mockConfigFactory()],
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_LATE_SERVICE_FACTORY');
    expect(error.message).toMatch(
      /^the feature loader created at .* provided a factory for serviceRef\{core.rootConfig\}, but serviceRef\{core.rootConfig\} had already been created for a feature loader\. Fix: add that factory with backend.add\(...\) directly, before any feature loader that depends on it\.$/,
    );
  });

  it('lists what was installed, loaders included, through rootInstanceMetadata', async () => {
    const listed = await installedPlugins((backend) => {
      backend.add(plugin('catalog'));
      backend.add(module('catalog', 'github'));
      backend.add(createBackendFeatureLoader({ loader: () => [plugin('search'), module('catalog', 'gitlab')] }));
    });
    expect(listed).toEqual([
      { pluginId: 'observer', modules: [] },
      { pluginId: 'catalog', modules: [{ moduleId: 'github' }, { moduleId: 'gitlab' }] },
      { pluginId: 'search', modules: [] },
    ]);
  });
});

function mockConfigFactory() {
  return createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => ({}) as never });
}
