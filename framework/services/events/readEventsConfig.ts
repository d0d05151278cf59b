/**
 * `backend.events`: which engine carries events between the instances of a deployment. `memory` (the default)
 * keeps them inside one instance; `postgres` and `redis` reuse the database's or the cache's connection unless
 * `backend.events.connection` names another.
 */
import type { Config, JsonValue } from '../../api';
import { ConfigError } from '../rootConfig';
import { redisHostLabel } from '../cache';
import { postgresHostLabel, toConnectionObject, withPgTimeouts } from '../database';
import { readDurationMs } from '../durations';

const EVENT_ENGINES = ['memory', 'postgres', 'redis'] as const;

const DEFAULT_CHANNEL = 'forklift_events';
// Fits a PostgreSQL identifier (63 bytes) and a Redis client name, with room for the suffixes made from it.
const CHANNEL_PATTERN = /^[A-Za-z0-9_]{1,40}$/;
const DEFAULT_RETRY_INTERVAL_MS = 2_000;

interface Shared {
  channel: string;
  /** Longest wait between reconnection attempts of the listening connection. */
  retryIntervalMs: number;
}

export type EventsConfig =
  | { engine: 'memory' }
  | (Shared & { engine: 'postgres'; connection: Record<string, unknown>; host: string })
  | (Shared & { engine: 'redis'; url: string; host: string });

export function readEventsConfig(config: Config): EventsConfig {
  const engine = config.getOptionalString('backend.events.engine') ?? 'memory';
  if (!(EVENT_ENGINES as readonly string[]).includes(engine)) {
    throw new ConfigError(
      'CONFIG_INVALID_TYPE',
      `Invalid value for config key 'backend.events.engine': '${engine}' is not supported; use one of ${EVENT_ENGINES.map((e) => `'${e}'`).join(', ')}`,
    );
  }
  if (engine === 'memory') return { engine };
  const channel = config.getOptionalString('backend.events.channel') ?? DEFAULT_CHANNEL;
  if (!CHANNEL_PATTERN.test(channel)) {
    throw new ConfigError(
      'CONFIG_INVALID_TYPE',
      `Invalid value for config key 'backend.events.channel': '${channel}'; use 1 to 40 letters, digits or underscores`,
    );
  }
  const shared: Shared = { channel, retryIntervalMs: readDurationMs(config, 'backend.events.retryInterval', DEFAULT_RETRY_INTERVAL_MS) };
  return engine === 'postgres'
    ? { engine, ...shared, ...postgresConnection(config) }
    : { engine: 'redis', ...shared, ...redisConnection(config) };
}

function postgresConnection(config: Config): { connection: Record<string, unknown>; host: string } {
  const own = config.getOptional<JsonValue>('backend.events.connection');
  const fromDatabase = config.getOptionalString('backend.database.client') === 'pg';
  const key = own !== undefined ? 'backend.events.connection' : 'backend.database.connection';
  const value = own ?? (fromDatabase ? config.getOptional<JsonValue>('backend.database.connection') : undefined);
  const parsed = toConnectionObject(value, key);
  if (!parsed) {
    throw new ConfigError(
      'CONFIG_MISSING_VALUE',
      "Missing config key 'backend.events.connection': the 'postgres' events engine needs a connection string " +
        "(postgresql://user:password@host:5432/db) or object, or backend.database with client 'pg' to share",
    );
  }
  const connection = withPgTimeouts(parsed, key);
  return { connection, host: postgresHostLabel(connection) };
}

function redisConnection(config: Config): { url: string; host: string } {
  const own = config.getOptionalString('backend.events.connection');
  const fromCache = config.getOptionalString('backend.cache.store') === 'redis';
  const url = own ?? (fromCache ? config.getOptionalString('backend.cache.connection') : undefined);
  if (!url) {
    throw new ConfigError(
      'CONFIG_MISSING_VALUE',
      "Missing config key 'backend.events.connection': the 'redis' events engine needs a URL such as redis://host:6379, " +
        "or backend.cache with store 'redis' to share",
    );
  }
  return { url, host: redisHostLabel(url) };
}
