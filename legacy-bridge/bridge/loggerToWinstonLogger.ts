import winston from 'winston';
import Transport from 'winston-transport';
import type { LoggerService } from '../../framework/api';

type Level = 'error' | 'warn' | 'info' | 'debug';

// winston's npm levels below debug's importance all land on debug: the new logger has four levels.
const LEVELS: Record<string, Level> = {
  error: 'error',
  warn: 'warn',
  info: 'info',
  http: 'debug',
  verbose: 'debug',
  debug: 'debug',
  silly: 'debug',
};

class LoggerServiceTransport extends Transport {
  readonly #target: LoggerService;

  constructor(target: LoggerService) {
    super();
    this.#target = target;
  }

  log(info: Record<string | symbol, unknown>, callback: () => void) {
    const { level, message, ...meta } = info;
    const method = LEVELS[String(level)] ?? 'info';
    this.#target[method](String(message), meta as Record<string, unknown>);
    callback();
  }
}

/**
 * A real winston logger for legacy code (`Logger` from winston) whose every line goes to the new logger
 * service, keeping level and metadata; `child()` and winston's own API keep working.
 */
export function loggerToWinstonLogger(logger: LoggerService): winston.Logger {
  return winston.createLogger({
    level: 'silly',
    transports: [new LoggerServiceTransport(logger)],
  });
}
