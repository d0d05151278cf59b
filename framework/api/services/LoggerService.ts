/** Structured metadata attached to a log line. Error values are serialised with name, message and stack. */
export type LogMeta = Error | Record<string, unknown>;

/** A structured logger. Plugin loggers carry `plugin: <id>` (and `module: <id>` inside modules). */
export interface LoggerService {
  error(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  debug(message: string, meta?: LogMeta): void;
  /** A logger whose every line also carries `meta`. */
  child(meta: Record<string, unknown>): LoggerService;
}

/** The backend-wide logger; every plugin logger is a child of it. */
export interface RootLoggerService extends LoggerService {}
