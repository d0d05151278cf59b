import { coreServices, createServiceFactory } from '../../api';
import type { LoggerService, RootLoggerService } from '../../api';
import { createServiceMock } from './createServiceMock';
import { MockLogger, type MockLogLevel } from './MockLogger';

export interface MockLoggerOptions {
  /** Lines below this level are not recorded; default 'debug' (everything). */
  level?: MockLogLevel;
}

const LOGGER_METHODS = ['error', 'warn', 'info', 'debug', 'child'] as const;

/** A recording root logger; plugin loggers made from it by the logger factory record into the same list. */
function rootLogger(options: MockLoggerOptions = {}): MockLogger {
  return new MockLogger({ level: options.level });
}
rootLogger.factory = (options: MockLoggerOptions = {}) =>
  createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => rootLogger(options) as RootLoggerService });
rootLogger.mock = createServiceMock<RootLoggerService>(coreServices.rootLogger, LOGGER_METHODS);

/** A recording plugin logger; its lines carry `plugin: <id>` like the real one. */
function logger(options: MockLoggerOptions & { pluginId?: string } = {}): MockLogger {
  return new MockLogger({ level: options.level, fields: options.pluginId ? { plugin: options.pluginId } : {} });
}
logger.factory = (options: MockLoggerOptions = {}) =>
  createServiceFactory({
    service: coreServices.logger,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory: ({ pluginMetadata }) => logger({ ...options, pluginId: pluginMetadata.getId() }) as LoggerService,
  });
logger.mock = createServiceMock<LoggerService>(coreServices.logger, LOGGER_METHODS);

export const mockRootLogger = rootLogger;
export const mockLogger = logger;
