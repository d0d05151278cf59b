import { coreServices, createServiceFactory, createServiceRef } from 'forklift/framework';
import { mockServices, ServiceFactoryTester } from 'forklift/framework/testing';
describe('ServiceFactoryTester', () => {
  const counterRef = createServiceRef<{ pluginId: string; context: { made: number } }>({ id: 'test.tester.counter' });

  it('makes a plugin service per plugin with one shared root context', async () => {
    let contexts = 0;
    const factory = createServiceFactory({
      service: counterRef,
      deps: { meta: coreServices.pluginMetadata, config: coreServices.rootConfig },
      createRootContext: () => ({ made: ++contexts }),
      factory: ({ meta }, context) => ({ pluginId: meta.getId(), context }),
    });
    const tester = ServiceFactoryTester.from(factory);
    const a = await tester.getSubject('a');
    const again = await tester.getSubject('a');
    const b = await tester.getSubject('b');
    const defaultPlugin = await tester.getSubject();
    expect(a).toBe(again);
    expect([a.pluginId, b.pluginId, defaultPlugin.pluginId]).toEqual(['a', 'b', 'test']);
    expect(a.context).toBe(b.context);
    expect(contexts).toBe(1);
  });

  it('uses the given dependencies over the test defaults, and exposes other services', async () => {
    const greetingRef = createServiceRef<string>({ id: 'test.tester.greeting', scope: 'root' });
    const factory = createServiceFactory({
      service: greetingRef,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => `hello ${config.getString('name')}`,
    });
    const tester = ServiceFactoryTester.from(factory, {
      dependencies: [mockServices.rootConfig.factory({ data: { name: 'world' } })],
    });
    expect(await tester.getSubject()).toBe('hello world');
    const config = await tester.getService(coreServices.rootConfig);
    expect(config.getString('name')).toBe('world');
    const meta = await tester.getService(coreServices.pluginMetadata, 'other');
    expect(meta.getId()).toBe('other');
  });

  it('reports a dependency nobody provides', async () => {
    const missing = createServiceRef<string>({ id: 'test.tester.missing' });
    const factory = createServiceFactory({
      service: counterRef,
      deps: { missing },
      factory: () => ({ pluginId: '', context: { made: 0 } }),
    });
    await expect(ServiceFactoryTester.from(factory).getSubject()).rejects.toMatchObject({
      code: 'FORKLIFT_MISSING_DEPENDENCY',
      message: expect.stringContaining("plugin 'test' needs serviceRef{test.tester.missing}"),
    });
  });
});
