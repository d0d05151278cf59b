import type { LoggerService } from '../../api';
import { RepeatCounter } from '../../wiring';

export interface ServerErrorReport {
  method: string;
  /** Without the query string: queries carry tokens that do not belong in logs. */
  path: string;
  statusCode: number;
  requestId: string;
  error: Error;
}

/**
 * Writes 5xx lines. The first of a kind (same status, error name and message) in an interval is written in full,
 * stack included; repeats are counted and one line at the end of the interval gives the count, so an outage writes
 * a few lines per interval instead of one (plus a stack) per request.
 */
export class ServerErrorLog {
  readonly #repeats: RepeatCounter<string>;

  constructor(private readonly logger: LoggerService) {
    this.#repeats = new RepeatCounter((kind, repeats, lastRequestId) =>
      this.logger.error(
        `${repeats} more request(s) failed the same way in the last ${Math.round(this.#repeats.intervalMs / 1000)}s: ${kind} (last request id ${lastRequestId})`,
        { repeated: repeats, lastRequestId },
      ),
    );
  }

  report(entry: ServerErrorReport): void {
    const kind = `${entry.statusCode} ${entry.error.name}: ${entry.error.message}`;
    if (!this.#repeats.admit(kind, entry.requestId)) return;
    this.logger.error(`Request failed: ${entry.method} ${entry.path} ${entry.statusCode} (request id ${entry.requestId})`, {
      requestId: entry.requestId,
      error: entry.error,
    });
  }
}
