import {
  createServiceRef,
  createServiceFactory,
  createExtensionPoint,
  createBackendPlugin,
  createBackendModule,
  createBackendFeatureLoader,
  coreServices,
} from 'forklift/framework';

describe('service refs', () => {
  it('print as serviceRef{id} and refuse to give a runtime T', () => {
    const ref = createServiceRef<string>({ id: 'acme.thing' });
    expect(String(ref)).toBe('serviceRef{acme.thing}');
    expect(ref.scope).toBe('plugin');
    expect(ref.multiton).toBe(false);
    expect(() => ref.T).toThrow('serviceRef{acme.thing}.T is a type carrier only');
  });

  it('carry scope, multiton and default factory', () => {
    const ref = createServiceRef<number>({ id: 'acme.root', scope: 'root', multiton: true });
    expect(ref.scope).toBe('root');
    expect(ref.multiton).toBe(true);
  });

  it('reject an invalid id with a fix', () => {
    expect(() => createServiceRef({ id: '' })).toThrow("Invalid service ref id ''");
  });

  it('core refs use core.<name> ids and Backstage scopes', () => {
    expect(coreServices.rootConfig.id).toBe('core.rootConfig');
    expect(coreServices.rootConfig.scope).toBe('root');
    expect(coreServices.logger.id).toBe('core.logger');
    expect(coreServices.logger.scope).toBe('plugin');
    expect(coreServices.httpRouter.id).toBe('core.httpRouter');
    for (const ref of Object.values(coreServices)) {
      expect(ref.id).toMatch(/^core\.[a-zA-Z]+$/);
    }
  });
});

describe('extension points', () => {
  it('print as extensionPoint{id}', () => {
    const ep = createExtensionPoint<{ add(x: string): void }>({ id: 'acme.things' });
    expect(String(ep)).toBe('extensionPoint{acme.things}');
    expect(() => ep.T).toThrow('type carrier only');
  });
});

describe('service factories', () => {
  it('refuse createRootContext on root services', () => {
    const ref = createServiceRef<string>({ id: 'acme.r', scope: 'root' });
    expect(() => createServiceFactory({ service: ref, deps: {}, factory: () => 'x', createRootContext: () => 1 } as never)).toThrow(
      'createRootContext is only for plugin-scoped services',
    );
  });
});

describe('plugins and modules', () => {
  it('validate ids against the pattern with a clear error', () => {
    expect(() => createBackendPlugin({ pluginId: 'Bad_Id', register() {} })).toThrow(
      "Invalid plugin id 'Bad_Id': plugin ids are lower-case letters and digits",
    );
    expect(() => createBackendModule({ pluginId: 'catalog', moduleId: 'x--y', register() {} })).toThrow(
      "Invalid module id 'x--y' for plugin 'catalog'",
    );
    expect(() => createBackendPlugin({ pluginId: 'my-plugin2', register() {} })).not.toThrow();
  });

  it('enforce registerInit exactly once and extension points first', () => {
    const ep = createExtensionPoint<number>({ id: 'acme.ep' });
    const twice = createBackendPlugin({
      pluginId: 'twice',
      register(env) {
        env.registerInit({ deps: {}, init() {} });
        env.registerInit({ deps: {}, init() {} });
      },
    });
    expect(() => twice.getRegistrations()).toThrow("Plugin 'twice' called registerInit more than once");
    const never = createBackendPlugin({ pluginId: 'never', register() {} });
    expect(() => never.getRegistrations()).toThrow("Plugin 'never' did not call registerInit");
    const late = createBackendPlugin({
      pluginId: 'late',
      register(env) {
        env.registerInit({ deps: {}, init() {} });
        env.registerExtensionPoint(ep, 1);
      },
    });
    expect(() => late.getRegistrations()).toThrow("Plugin 'late' registered an extension point after registerInit");
  });

  it('are callable in the early-alpha form and return themselves', () => {
    const plugin = createBackendPlugin({ pluginId: 'alpha', register: (env) => env.registerInit({ deps: {}, init() {} }) });
    expect(plugin()).toBe(plugin);
    expect(plugin().getRegistrations()[0]).toMatchObject({ type: 'plugin-v1.1', pluginId: 'alpha' });
  });

  it('accept the factory form of registerExtensionPoint', () => {
    const ep = createExtensionPoint<string>({ id: 'acme.factory' });
    const plugin = createBackendPlugin({
      pluginId: 'owner',
      register(env) {
        env.registerExtensionPoint({ extensionPoint: ep, factory: ({ moduleId }) => `for ${moduleId}` });
        env.registerInit({ deps: {}, init() {} });
      },
    });
    const [reg] = plugin.getRegistrations();
    const provision = reg.extensionPoints[0];
    expect('factory' in provision && provision.factory({ moduleId: 'm', reportModuleStartupFailure: () => {} })).toBe('for m');
  });
});

describe('feature loaders', () => {
  it('accept root deps only', () => {
    expect(() => createBackendFeatureLoader({ deps: { logger: coreServices.logger as never }, loader: () => [] })).toThrow(
      "Feature loader dependency 'logger' is serviceRef{core.logger}, which is plugin-scoped",
    );
    const loader = createBackendFeatureLoader({ deps: { config: coreServices.rootConfig }, loader: () => [] });
    expect(loader.featureType).toBe('loader');
  });
});
