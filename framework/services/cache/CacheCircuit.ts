import type { LoggerService } from '../../api';
import { messageOf } from '../../wiring';
import type { CacheStore } from './CacheStore';

/** A store whose reachability can be asked and watched: what the circuit needs besides the calls. */
export interface ProbedStore extends CacheStore {
  /** Where it is, for log lines (never a password). */
  readonly label: string;
  /** Resolves once the store answers; rejects (within its command timeout) while it is unreachable. */
  ping(): Promise<void>;
  /** Calls `listener` whenever the connection fails, also between calls. */
  onConnectionError(listener: (error: unknown) => void): void;
  /** Whether an error of a call says the store is unreachable (rather than that the call itself was wrong). */
  isOutage(error: unknown): boolean;
}

/**
 * A cache is an optimisation, so its outage must not become an outage of the features using it. While the store
 * is unreachable the circuit is open: `get` misses and `set` / `delete` do nothing, at once, without touching the
 * store; a probe every `retryIntervalMs` in the background closes it again once the store answers. One warning
 * when an outage begins and one line when it ends, however many calls fell into it.
 */
export class CacheCircuit implements CacheStore {
  #open = false;
  #probe?: NodeJS.Timeout;
  #closed = false;

  constructor(
    private readonly store: ProbedStore,
    private readonly options: { retryIntervalMs: number; logger?: LoggerService },
  ) {
    store.onConnectionError((error) => this.#trip(error));
  }

  /** Whether calls currently bypass the store. */
  get isOpen(): boolean {
    return this.#open;
  }

  async get(key: string): Promise<string | undefined> {
    if (this.#open) return undefined;
    try {
      return await this.store.get(key);
    } catch (error) {
      this.#absorb(error);
      return undefined;
    }
  }

  async set(key: string, value: string, ttlMs: number | undefined): Promise<void> {
    if (this.#open) return;
    try {
      await this.store.set(key, value, ttlMs);
    } catch (error) {
      this.#absorb(error);
    }
  }

  async delete(key: string): Promise<void> {
    if (this.#open) return;
    try {
      await this.store.delete(key);
    } catch (error) {
      this.#absorb(error);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#probe);
    await this.store.close();
  }

  /** An outage opens the circuit; any other error (a wrong command, a call after close) is the caller's to see. */
  #absorb(error: unknown): void {
    if (this.#closed || !this.store.isOutage(error)) throw error;
    this.#trip(error);
  }

  #trip(error: unknown): void {
    if (this.#open || this.#closed) return;
    this.#open = true;
    this.options.logger?.warn(
      `Cache store ${this.store.label} is unreachable (${messageOf(error)}); cache reads miss and writes are skipped until it answers again`,
    );
    this.#scheduleProbe();
  }

  #scheduleProbe(): void {
    this.#probe = setTimeout(() => {
      this.store.ping().then(
        () => {
          if (this.#closed) return;
          this.#open = false;
          this.options.logger?.info(`Cache store ${this.store.label} answers again; the cache is in use again`);
        },
        () => {
          if (!this.#closed) this.#scheduleProbe();
        },
      );
    }, this.options.retryIntervalMs);
    this.#probe.unref();
  }
}
