import type Redis from 'ioredis';
import type { ProbedStore } from './CacheCircuit';
import { messageOf } from '../../wiring';

/**
 * ioredis is loaded when the first Redis store is made, never at import: a backend without a Redis cache (or
 * whose plugins never ask for a cache) should not pay its modules and memory at startup.
 */
function loadRedis(): typeof Redis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return (require('ioredis') as typeof import('ioredis')).default;
}

/** `host:port` of a Redis URL, for messages that must not carry the password. */
export function redisHostLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || 6379}`;
  } catch {
    return 'an unparsable URL';
  }
}

export interface RedisStoreOptions {
  /** TCP connect bound for each (re)connection attempt. */
  connectTimeoutMs: number;
  /** Bound for every command, queued ones included: a call never waits longer for an unreachable Redis. */
  commandTimeoutMs: number;
  /** Longest wait between reconnection attempts (they start fast and back off up to this). */
  maxReconnectDelayMs: number;
}

// Replies that mean "Redis cannot serve now" rather than "this command is wrong".
const UNAVAILABLE_REPLY = /^(NOAUTH|WRONGPASS|LOADING|MASTERDOWN|BUSY|CLUSTERDOWN|TRYAGAIN)\b/;

/**
 * Redis through ioredis: one client per backend, shared by every plugin. Every command is bounded by the command
 * timeout and fails after one reconnection attempt at most; reconnecting goes on in the background forever (with a
 * bounded delay), so the store recovers by itself. The cache circuit in front of it decides what callers see.
 */
export class RedisStore implements ProbedStore {
  readonly label: string;
  private readonly client: Redis;

  constructor(url: string, options: RedisStoreOptions) {
    this.label = `Redis at ${redisHostLabel(url)}`;
    const RedisClient = loadRedis();
    this.client = new RedisClient(url, {
      connectTimeout: options.connectTimeoutMs,
      commandTimeout: options.commandTimeoutMs,
      maxRetriesPerRequest: 1,
      keepAlive: 5_000,
      retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), options.maxReconnectDelayMs),
      // ioredis keeps a timer this long after disconnecting an already-dropped socket, which would hold the
      // process open at shutdown.
      disconnectTimeout: 200,
    });
  }

  onConnectionError(listener: (error: unknown) => void): void {
    // ioredis reports every failed (re)connection attempt here; without a listener it would be an unhandled 'error'.
    this.client.on('error', listener);
  }

  isOutage(error: unknown): boolean {
    return (error as { name?: unknown })?.name !== 'ReplyError' || UNAVAILABLE_REPLY.test(messageOf(error));
  }

  async ping(): Promise<void> {
    try {
      await this.client.ping();
    } catch (error) {
      // A connection that looks open but does not answer (a partition that dropped it silently) would never
      // recover by itself: start a fresh one for the next probe.
      if (this.client.status === 'ready') this.client.disconnect(true);
      throw error;
    }
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.run('get', key, () => this.client.get(key));
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number | undefined): Promise<void> {
    await this.run('set', key, () => (ttlMs === undefined ? this.client.set(key, value) : this.client.set(key, value, 'PX', ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.run('delete', key, () => this.client.del(key));
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    if (this.client.status !== 'ready') {
      // Not connected: QUIT would wait in the offline queue while ioredis keeps reconnecting.
      this.client.disconnect();
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /** Errors keep their name (the circuit tells outages from wrong commands by it) and say which key and host. */
  private async run<T>(operation: string, key: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      const wrapped = new Error(`Cache ${operation} of '${key}' failed on ${this.label}: ${messageOf(error)}`, { cause: error });
      wrapped.name = (error as { name?: string })?.name ?? 'Error';
      throw wrapped;
    }
  }
}
