import type { LoggerService, LogMeta, RootLoggerService } from '../../api';

export type MockLogLevel = 'error' | 'warn' | 'info' | 'debug';

/** One recorded log call: the level, the message, and the fields of the logger and the call merged. */
export interface MockLogEntry {
  level: MockLogLevel;
  message: string;
  fields: Record<string, unknown>;
}

const ORDER: Record<MockLogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * A logger that records every line in memory instead of printing it, so tests stay quiet and can assert on
 * what was logged. Children share their parent's record.
 */
export class MockLogger implements RootLoggerService {
  readonly entries: MockLogEntry[];
  readonly #fields: Record<string, unknown>;
  readonly #level: MockLogLevel;

  constructor(options: { level?: MockLogLevel; fields?: Record<string, unknown>; entries?: MockLogEntry[] } = {}) {
    this.entries = options.entries ?? [];
    this.#fields = options.fields ?? {};
    this.#level = options.level ?? 'debug';
  }

  /** The recorded lines as `level: message {fields}` strings, in order. */
  get lines(): string[] {
    return this.entries.map((e) => `${e.level}: ${e.message}${Object.keys(e.fields).length ? ` ${JSON.stringify(e.fields)}` : ''}`);
  }

  error(message: string, meta?: LogMeta): void {
    this.#record('error', message, meta);
  }
  warn(message: string, meta?: LogMeta): void {
    this.#record('warn', message, meta);
  }
  info(message: string, meta?: LogMeta): void {
    this.#record('info', message, meta);
  }
  debug(message: string, meta?: LogMeta): void {
    this.#record('debug', message, meta);
  }

  child(meta: Record<string, unknown>): LoggerService {
    return new MockLogger({ level: this.#level, fields: { ...this.#fields, ...meta }, entries: this.entries });
  }

  clear(): void {
    this.entries.length = 0;
  }

  #record(level: MockLogLevel, message: string, meta?: LogMeta) {
    if (ORDER[level] > ORDER[this.#level]) return;
    const extra = meta instanceof Error ? { error: { name: meta.name, message: meta.message } } : meta;
    this.entries.push({ level, message: String(message), fields: { ...this.#fields, ...extra } });
  }
}
