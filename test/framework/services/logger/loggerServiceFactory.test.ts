import { type LoggerService, type RootLoggerService } from '../../../../framework/api';
import { loggerServiceFactory } from '../../../../framework/services/logger';
import { LogCapture, WinstonLogger } from '../../../../framework/services/rootLogger';

describe('loggerServiceFactory', () => {
  it('is the plugin-scoped core.logger and gives a child with plugin: <id>', async () => {
    expect(loggerServiceFactory.service.id).toBe('core.logger');
    expect(loggerServiceFactory.service.scope).toBe('plugin');
    const capture = new LogCapture();
    const root: RootLoggerService = WinstonLogger.create({ format: 'json', transports: [capture.transport] });
    const pluginLogger = (await loggerServiceFactory.factory(
      { rootLogger: root, pluginMetadata: { getId: () => 'todo' } },
      undefined,
    )) as LoggerService;
    pluginLogger.info('hi');
    pluginLogger.child({ module: 'todo-search' }).warn('module line');
    expect(capture.logs[0].fields.plugin).toBe('todo');
    expect(capture.logs[1].fields).toMatchObject({ plugin: 'todo', module: 'todo-search' });
  });
});
