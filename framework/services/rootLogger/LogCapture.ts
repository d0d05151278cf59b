import TransportStream from 'winston-transport';

// winston's formatted-line key (triple-beam's MESSAGE), a registered symbol shared by every copy.
const MESSAGE = Symbol.for('message');

/** One captured log record: the formatted line and its fields (already redacted). */
export interface CapturedLog {
  line: string;
  level: string;
  message: unknown;
  fields: Record<string, unknown>;
}

class CaptureTransport extends TransportStream {
  readonly #sink: CapturedLog[];

  constructor(sink: CapturedLog[]) {
    super();
    this.#sink = sink;
  }

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    const { level, message, ...fields } = info as Record<string, unknown>;
    this.#sink.push({ line: String(info[MESSAGE] ?? ''), level: String(level), message, fields });
    next();
  }
}

/**
 * Collects log output in memory so tests can assert on it. Pass `capture.transport` to
 * `WinstonLogger.create({ transports })` or `createRootLoggerServiceFactory({ transports })`.
 */
export class LogCapture {
  readonly logs: CapturedLog[] = [];
  readonly transport: TransportStream = new CaptureTransport(this.logs);

  /** The formatted lines, exactly as a console transport would print them. */
  get lines(): string[] {
    return this.logs.map((l) => l.line);
  }

  /** Everything captured, joined by newlines: handy for `not.toContain(secret)`. */
  get text(): string {
    return this.lines.join('\n');
  }

  find(predicate: (log: CapturedLog) => boolean): CapturedLog | undefined {
    return this.logs.find(predicate);
  }

  clear(): void {
    this.logs.length = 0;
  }
}
