/** `core.rootLogger`: the winston logger with secret redaction, and an in-memory capture for tests. */
export { WinstonLogger, LOG_LEVELS } from './WinstonLogger';
export type { LogLevel, WinstonLoggerOptions } from './WinstonLogger';
export type { LogFormat } from './formats';
export { Redactor } from './Redactor';
export { LogCapture } from './LogCapture';
export type { CapturedLog } from './LogCapture';
export { resolveLogLevel, resolveLogFormat } from './logLevel';
export { rootLoggerServiceFactory, createRootLoggerServiceFactory } from './rootLoggerServiceFactory';
export type { RootLoggerFactoryOptions } from './rootLoggerServiceFactory';
