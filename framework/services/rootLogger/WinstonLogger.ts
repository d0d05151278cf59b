import winston from 'winston';
import type { LogMeta, RootLoggerService } from '../../api';
import { createFormat, type LogFormat } from './formats';
import { isError, Redactor } from './Redactor';

export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface WinstonLoggerOptions {
  /** Lowest level written; defaults to `info`. */
  level?: LogLevel;
  /** `json` lines or a `pretty` human format; defaults to json when NODE_ENV=production. */
  format?: LogFormat;
  /** Colours in the pretty format; defaults to what the terminal supports. */
  colors?: boolean;
  /** Where lines go; defaults to the console. */
  transports?: winston.transport[];
  /** Fields on every line. */
  meta?: Record<string, unknown>;
  /** Values replaced by `***` wherever they appear in a message or metadata. */
  redactions?: Iterable<string>;
}

/** The winston-backed logger; children share the parent's transports and redaction list. */
export class WinstonLogger implements RootLoggerService {
  static create(options: WinstonLoggerOptions = {}): WinstonLogger {
    const redactor = new Redactor(options.redactions ?? []);
    const format = options.format ?? (process.env.NODE_ENV === 'production' ? 'json' : 'pretty');
    const colors = options.colors ?? (format === 'pretty' && process.stdout.isTTY === true);
    const logger = winston.createLogger({
      level: options.level ?? 'info',
      levels: winston.config.npm.levels,
      format: createFormat(format, redactor, colors),
      defaultMeta: options.meta,
      transports: options.transports ?? [new winston.transports.Console()],
    });
    return new WinstonLogger(logger, redactor);
  }

  readonly #winston: winston.Logger;
  readonly #redactor: Redactor;

  private constructor(winston: winston.Logger, redactor: Redactor) {
    this.#winston = winston;
    this.#redactor = redactor;
  }

  error(message: string, meta?: LogMeta): void {
    this.#write('error', message, meta);
  }

  warn(message: string, meta?: LogMeta): void {
    this.#write('warn', message, meta);
  }

  info(message: string, meta?: LogMeta): void {
    this.#write('info', message, meta);
  }

  debug(message: string, meta?: LogMeta): void {
    this.#write('debug', message, meta);
  }

  // Winston runs the formats (redaction included) before its transports drop a line by level, so
  // disabled levels are skipped here to keep debug logging on hot paths nearly free.
  #write(level: LogLevel, message: string, meta: LogMeta | undefined): void {
    if (!this.#winston.isLevelEnabled(level)) return;
    this.#winston.log(level, message, normalizeMeta(meta));
  }

  child(meta: Record<string, unknown>): WinstonLogger {
    return new WinstonLogger(this.#winston.child(meta ?? {}), this.#redactor);
  }

  /** Adds values to redact from now on, for this logger and every logger sharing its root. */
  addRedactions(values: Iterable<string>): void {
    this.#redactor.add(values);
  }

  /** Flushes and closes the transports (for shutdown). */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#winston.once('finish', () => resolve());
      this.#winston.end();
    });
  }
}

// Winston would merge an Error's message into the log message; keep it as a field instead.
function normalizeMeta(meta: LogMeta | undefined): Record<string, unknown> | undefined {
  if (isError(meta)) return { error: meta };
  if (meta === undefined || meta === null || typeof meta !== 'object') return undefined;
  return meta;
}
