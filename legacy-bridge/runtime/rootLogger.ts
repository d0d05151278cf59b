/**
 * `getRootLogger()` of old backends: a winston logger (legacy code calls `.child()` and winston's API on it)
 * that writes through the framework's logger. It exists before config is loaded; `loadBackendConfig` then
 * re-targets it so the level, format and secret redaction follow the loaded config.
 */
import type winston from 'winston';
import type { Config, LoggerService, LogMeta } from '../../framework/api';
import { ConfigReader, getConfigSecrets } from '../../framework/services/rootConfig';
import { resolveLogFormat, resolveLogLevel, WinstonLogger } from '../../framework/services/rootLogger';
import { loggerToWinstonLogger } from '../bridge/loggerToWinstonLogger';

/** A logger service whose destination can change after creation. */
class RetargetableLogger implements LoggerService {
  readonly #current: { target: LoggerService };
  readonly #fields: Record<string, unknown> = {};

  constructor(current: { target: LoggerService }, fields: Record<string, unknown> = {}) {
    this.#current = current;
    this.#fields = fields;
  }

  #write(level: 'error' | 'warn' | 'info' | 'debug', message: string, meta?: LogMeta) {
    const extra = meta instanceof Error ? { error: meta } : meta;
    this.#current.target[level](message, { ...this.#fields, ...extra });
  }

  error(message: string, meta?: LogMeta) {
    this.#write('error', message, meta);
  }
  warn(message: string, meta?: LogMeta) {
    this.#write('warn', message, meta);
  }
  info(message: string, meta?: LogMeta) {
    this.#write('info', message, meta);
  }
  debug(message: string, meta?: LogMeta) {
    this.#write('debug', message, meta);
  }
  child(meta: Record<string, unknown>): LoggerService {
    return new RetargetableLogger(this.#current, { ...this.#fields, ...meta });
  }
}

const destination: { target: LoggerService } = {
  target: WinstonLogger.create({ level: resolveLogLevel(new ConfigReader({}), process.env) }),
};
const rootService: LoggerService = new RetargetableLogger(destination);
let rootWinston: winston.Logger | undefined;

/** The process's root logger for legacy code. */
export function getRootLogger(): winston.Logger {
  rootWinston ??= loggerToWinstonLogger(rootService);
  return rootWinston;
}

/** Replaces what getRootLogger() writes to (e.g. a test's recording logger). */
export function setRootLogger(logger: LoggerService): void {
  destination.target = logger;
}

/** The root logger as a framework logger service, for the runtime's own faces. */
export function legacyRootLoggerService(): LoggerService {
  return rootService;
}

/** Applies a loaded config's level, format and secrets to the legacy root logger. */
export function configureRootLogger(config: Config): void {
  if (!(destination.target instanceof WinstonLogger)) {
    return; // a logger set by setRootLogger stays as it is
  }
  destination.target = WinstonLogger.create({
    level: resolveLogLevel(config, process.env),
    format: resolveLogFormat(config, process.env),
    redactions: getConfigSecrets(config),
  });
}
