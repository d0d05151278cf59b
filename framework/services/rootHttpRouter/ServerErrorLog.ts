import type { LoggerService } from '../../api';

/** How long identical server errors are counted before one summary line says how many there were. */
export const ERROR_SUMMARY_INTERVAL_MS = 10_000;
// Distinct errors counted at once; beyond this new kinds are written in full (bounded memory in a storm).
const MAX_TRACKED = 500;

export interface ServerErrorReport {
  method: string;
  /** Without the query string: queries carry tokens that do not belong in logs. */
  path: string;
  statusCode: number;
  requestId: string;
  error: Error;
}

interface Tally {
  count: number;
  lastRequestId: string;
  timer: NodeJS.Timeout;
}

/**
 * Writes 5xx lines. The first of a kind (same status, error name and message) is written in full, stack included;
 * repeats within the interval are only counted, and one line at its end gives the count, so an outage writes a few
 * lines per interval instead of one (plus a stack) per request.
 */
export class ServerErrorLog {
  readonly #tallies = new Map<string, Tally>();

  constructor(
    private readonly logger: LoggerService,
    private readonly intervalMs: number = ERROR_SUMMARY_INTERVAL_MS,
  ) {}

  report(entry: ServerErrorReport): void {
    const key = `${entry.statusCode} ${entry.error.name}: ${entry.error.message}`;
    const tally = this.#tallies.get(key);
    if (tally) {
      tally.count += 1;
      tally.lastRequestId = entry.requestId;
      return;
    }
    this.logger.error(`Request failed: ${entry.method} ${entry.path} ${entry.statusCode} (request id ${entry.requestId})`, {
      requestId: entry.requestId,
      error: entry.error,
    });
    if (this.#tallies.size >= MAX_TRACKED) return;
    const timer = setTimeout(() => this.#summarise(key), this.intervalMs);
    timer.unref();
    this.#tallies.set(key, { count: 0, lastRequestId: entry.requestId, timer });
  }

  #summarise(key: string): void {
    const tally = this.#tallies.get(key);
    this.#tallies.delete(key);
    if (!tally || tally.count === 0) return;
    this.logger.error(
      `${tally.count} more request(s) failed the same way in the last ${Math.round(this.intervalMs / 1000)}s: ${key} (last request id ${tally.lastRequestId})`,
      { repeated: tally.count, lastRequestId: tally.lastRequestId },
    );
  }
}
