import { coreServices, createBackendPlugin, createSpecializedBackend } from 'forklift/framework';
import { MockLogger, mockServices, ServiceFactoryTester } from 'forklift/framework/testing';

describe('mockServices', () => {
  it('rootConfig reads the given data with the Config method set', () => {
    const config = mockServices.rootConfig({ data: { backend: { baseUrl: 'http://x', listen: { port: 7007 } }, list: ['a'] } });
    expect(config.getString('backend.baseUrl')).toBe('http://x');
    expect(config.getNumber('backend.listen.port')).toBe(7007);
    expect(config.getStringArray('list')).toEqual(['a']);
    expect(config.getOptionalString('missing')).toBeUndefined();
    expect(config.getConfig('backend').keys()).toEqual(['baseUrl', 'listen']);
    expect(() => config.getString('backend.listen.port')).toThrow('backend.listen.port');
  });

  it('rootConfig.factory provides the data to a backend', async () => {
    let greeting: string | undefined;
    const backend = createSpecializedBackend({
      defaultServiceFactories: [mockServices.rootConfig.factory({ data: { greeting: 'hello' } })],
    });
    backend.add(
      createBackendPlugin({
        pluginId: 'reader',
        register: (env) =>
          env.registerInit({
            deps: { config: coreServices.rootConfig },
            async init({ config }) {
              greeting = config.getString('greeting');
            },
          }),
      }),
    );
    await backend.start();
    expect(greeting).toBe('hello');
    await backend.stop();
  });

  it('rootConfig.mock gives jest mock functions, with partial implementations, and a factory', async () => {
    const config = mockServices.rootConfig.mock({ getString: (key: string) => `value of ${key}` });
    expect(config.getString('a.b')).toBe('value of a.b');
    expect(config.getString).toHaveBeenCalledWith('a.b');
    expect(config.has('x')).toBeUndefined();
    const tester = ServiceFactoryTester.from(config.factory);
    expect(await tester.getSubject()).toBe(config);
  });

  it('rootLogger records lines, also from child loggers, filtered by level', () => {
    const logger = mockServices.rootLogger({ level: 'info' });
    logger.info('starting', { port: 1 });
    logger.child({ plugin: 'catalog' }).warn('slow');
    logger.debug('hidden');
    logger.error('failed', new Error('boom'));
    expect(logger.entries).toEqual([
      { level: 'info', message: 'starting', fields: { port: 1 } },
      { level: 'warn', message: 'slow', fields: { plugin: 'catalog' } },
      { level: 'error', message: 'failed', fields: { error: { name: 'Error', message: 'boom' } } },
    ]);
    expect(logger.lines).toEqual([
      'info: starting {"port":1}',
      'warn: slow {"plugin":"catalog"}',
      'error: failed {"error":{"name":"Error","message":"boom"}}',
    ]);
  });

  it('logger.factory gives each plugin a recording logger carrying its id', async () => {
    const tester = ServiceFactoryTester.from(mockServices.logger.factory());
    const logger = (await tester.getSubject('search')) as MockLogger;
    logger.info('indexed');
    expect(logger.entries).toEqual([{ level: 'info', message: 'indexed', fields: { plugin: 'search' } }]);
  });

  it('logger.mock and rootLogger.mock record calls', () => {
    const logger = mockServices.logger.mock();
    logger.info('hi');
    expect(logger.info).toHaveBeenCalledWith('hi');
    const root = mockServices.rootLogger.mock({ child: () => root });
    expect(root.child({ a: 1 })).toBe(root);
  });

  it('rootLifecycle and lifecycle run hooks in order when driven', async () => {
    const events: string[] = [];
    const root = mockServices.rootLifecycle();
    const lifecycle = mockServices.lifecycle({ pluginId: 'p', root });
    lifecycle.addStartupHook(() => {
      events.push('plugin startup');
    });
    root.addStartupHook(() => {
      events.push('root startup');
    });
    lifecycle.addShutdownHook(() => {
      events.push('plugin shutdown');
    });
    root.addBeforeShutdownHook(() => {
      events.push('root before-shutdown');
    });
    await root.startup();
    await root.beforeShutdown();
    await root.shutdown();
    expect(events).toEqual(['plugin startup', 'root startup', 'root before-shutdown', 'plugin shutdown']);
  });

  it('lifecycle.mock and rootLifecycle.mock record hook registrations', () => {
    const lifecycle = mockServices.lifecycle.mock();
    const hook = () => {};
    lifecycle.addShutdownHook(hook);
    expect(lifecycle.addShutdownHook).toHaveBeenCalledWith(hook);
    const root = mockServices.rootLifecycle.mock();
    root.addBeforeShutdownHook(hook);
    expect(root.addBeforeShutdownHook).toHaveBeenCalledTimes(1);
  });
});
