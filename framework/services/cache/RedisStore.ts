import type Redis from 'ioredis';
import type { LoggerService } from '../../api';
import type { CacheStore } from './CacheStore';
import { messageOf } from '../../wiring';

/**
 * ioredis is loaded when the first Redis store is made, never at import: a backend without a Redis cache (or
 * whose plugins never ask for a cache) should not pay its modules and memory at startup.
 */
function loadRedis(): typeof Redis {
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

/** Redis through ioredis: one client per backend, shared by every plugin. */
export class RedisStore implements CacheStore {
  private readonly client: Redis;
  private readonly host: string;
  private reportedDown = false;

  constructor(url: string, logger?: LoggerService) {
    this.host = redisHostLabel(url);
    // A few retries per command, so a Redis outage fails cache calls quickly instead of queueing them forever.
    // disconnectTimeout: ioredis keeps a timer that long after disconnecting an already-dropped socket,
    // which would hold the process open at shutdown.
    const RedisClient = loadRedis();
    this.client = new RedisClient(url, { maxRetriesPerRequest: 2, disconnectTimeout: 200 });
    this.client.on('error', (error: Error) => {
      // ioredis reports every reconnect attempt; one line per outage is enough.
      if (this.reportedDown) return;
      this.reportedDown = true;
      logger?.warn(`Cache store Redis at ${this.host} is unreachable: ${error.message}`);
    });
    this.client.on('ready', () => {
      this.reportedDown = false;
    });
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

  private async run<T>(operation: string, key: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new Error(`Cache ${operation} of '${key}' failed on Redis at ${this.host}: ${messageOf(error)}`);
    }
  }
}
