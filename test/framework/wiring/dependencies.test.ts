import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
} from 'forklift/framework';
import { makeBackend, rejectionOf } from './helpers';

const FIX =
  'Fix: add a factory for each missing service with backend.add(createServiceFactory({ service: <ref>, ... })) ' +
  'or install the feature that provides it; a module gets extension points from the plugin it extends or its other modules.';

describe('dependency checks', () => {
  it('lists every missing dependency at once, per plugin, module and service factory, before creating anything', async () => {
    const a = createServiceRef<string>({ id: 'test.missingA' });
    const b = createServiceRef<string>({ id: 'test.missingB', scope: 'root' });
    const c = createServiceRef<string>({ id: 'test.missingC' });
    const present = createServiceRef<string>({ id: 'test.present' });
    const ep = createExtensionPoint<string>({ id: 'test.nobodyProvides' });
    let created = 0;
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: present, deps: { c }, factory: () => (created++, 'p') }));
    backend.add(
      createBackendPlugin({
        pluginId: 'needy',
        register(env) {
          env.registerInit({ deps: { a, b, present, logger: coreServices.logger }, async init() {} });
        },
      }),
    );
    backend.add(
      createBackendModule({
        pluginId: 'needy',
        moduleId: 'extra',
        register(env) {
          env.registerInit({ deps: { ep, a }, async init() {} });
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_MISSING_DEPENDENCY');
    expect(error.message).toBe(
      'Missing dependencies; nothing provides:\n' +
        "  - plugin 'needy' needs serviceRef{test.missingA}, serviceRef{test.missingB}\n" +
        '  - the service factory for serviceRef{test.present} needs serviceRef{test.missingC}\n' +
        "  - module 'extra' of plugin 'needy' needs serviceRef{test.missingA}, extensionPoint{test.nobodyProvides}\n" +
        FIX,
    );
    expect(created).toBe(0);
  });

  it('prints the cycle of circular service dependencies', async () => {
    const x = createServiceRef<string>({ id: 'test.x', scope: 'root' });
    const y = createServiceRef<string>({ id: 'test.y', scope: 'root' });
    const z = createServiceRef<string>({ id: 'test.z', scope: 'root' });
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: x, deps: { y }, factory: () => 'x' }));
    backend.add(createServiceFactory({ service: y, deps: { z }, factory: () => 'y' }));
    backend.add(createServiceFactory({ service: z, deps: { x }, factory: () => 'z' }));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_CIRCULAR_DEPENDENCY');
    expect(error.message).toBe(
      'Circular service dependency: serviceRef{test.x} -> serviceRef{test.y} -> serviceRef{test.z} -> serviceRef{test.x}. ' +
        'Fix: break the cycle, e.g. by moving the shared part into a third service both depend on.',
    );
  });

  it('names a dependency that is not a ref (a broken import)', async () => {
    const { backend } = makeBackend();
    backend.add(
      createBackendPlugin({
        pluginId: 'typo',
        register(env) {
          env.registerInit({ deps: { db: undefined as never }, async init() {} });
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_INVALID_DEPENDENCY');
    expect(error.message).toBe(
      "Dependency 'db' of plugin 'typo' is undefined, not a service ref or extension point. " +
        'Fix: pass a ref made by createServiceRef (e.g. coreServices.logger) or createExtensionPoint; an undefined value usually means a broken import.',
    );
  });

  it('refuses an extension point as a plugin dependency', async () => {
    const ep = createExtensionPoint<string>({ id: 'test.pluginWantsEp' });
    const { backend } = makeBackend();
    backend.add(
      createBackendPlugin({
        pluginId: 'owner',
        register(env) {
          env.registerExtensionPoint(ep, 'x');
          env.registerInit({ deps: { ep: ep as never }, async init() {} });
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_INVALID_DEPENDENCY');
    expect(error.message).toBe(
      "Plugin 'owner' depends on extensionPoint{test.pluginWantsEp}, but only modules can consume extension points. " +
        'Fix: move the code that uses extensionPoint{test.pluginWantsEp} into a module created with createBackendModule({ pluginId: ... }).',
    );
  });

  it('reports several kinds of problems together', async () => {
    const missing = createServiceRef<string>({ id: 'test.gone' });
    const { backend } = makeBackend();
    const plugin = (pluginId: string) =>
      createBackendPlugin({
        pluginId,
        register(env) {
          env.registerInit({ deps: { missing }, async init() {} });
        },
      });
    backend.add(plugin('one'));
    backend.add(plugin('one'));
    backend.add(
      createBackendModule({
        pluginId: 'absent',
        moduleId: 'orphan',
        register(env) {
          env.registerInit({ deps: {}, async init() {} });
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_STARTUP_FAILED');
    expect(error.errors.map((e) => e.code)).toEqual([
      'FORKLIFT_DUPLICATE_PLUGIN',
      'FORKLIFT_MODULE_WITHOUT_PLUGIN',
      'FORKLIFT_MISSING_DEPENDENCY',
    ]);
    expect(error.message).toMatch(
      /^Backend startup failed with 3 errors:\n {2}- \[FORKLIFT_DUPLICATE_PLUGIN\] Plugin 'one' was added more than once/,
    );
  });
});
