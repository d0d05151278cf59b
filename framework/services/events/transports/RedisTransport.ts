/**
 * Events through Redis pub/sub: PUBLISH on one channel from a command connection, SUBSCRIBE on a second one per
 * instance (a subscribed Redis connection takes no other commands), claims as `SET NX` keys under the channel name.
 */
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { LoggerService } from '../../../api';
import { messageOf } from '../../../wiring';
import { CLAIM_RETENTION_MS, type EventTransport } from './EventTransport';

const CONNECT_TIMEOUT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 2_000;

export interface RedisTransportOptions {
  url: string;
  channel: string;
  /** Where, for messages: `host:port`. */
  host: string;
  retryIntervalMs: number;
  logger: LoggerService;
}

function loadRedis(): typeof Redis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return (require('ioredis') as typeof import('ioredis')).default;
}

export class RedisTransport implements EventTransport {
  readonly label: string;
  readonly #options: RedisTransportOptions;
  readonly #commands: Redis;
  readonly #subscriber: Redis;
  #onMessage?: (raw: string) => void;
  #listening = false;
  /** True once subscribed: only then is a closed subscriber connection an outage to report. */
  #live = false;
  /** Set while the subscriber connection is down after having listened; the outage is logged once. */
  #lostSince?: number;

  constructor(options: RedisTransportOptions) {
    this.#options = options;
    this.label = `Redis at ${options.host} (channel '${options.channel}')`;
    const RedisClient = loadRedis();
    const common: RedisOptions = {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), options.retryIntervalMs),
      // ioredis keeps a timer this long after disconnecting an already-dropped socket, which would hold the
      // process open at shutdown.
      disconnectTimeout: 200,
    };
    this.#commands = new RedisClient(options.url, {
      ...common,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      connectionName: `forklift-events-send-${options.channel}`,
    });
    this.#subscriber = new RedisClient(options.url, {
      ...common,
      // Subscribing again is done here, after each reconnection, so "listening again" is logged when it is true.
      autoResubscribe: false,
      connectionName: `forklift-events-listen-${options.channel}`,
    });
    // ioredis reports every failed (re)connection attempt as 'error'; the outage is logged once, on the connection's close event.
    this.#commands.on('error', () => undefined);
    this.#subscriber.on('error', () => undefined);
    this.#subscriber.on('close', () => this.#lost());
    this.#subscriber.on('ready', () => this.#resubscribe());
    this.#subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.#options.channel) this.#onMessage?.(message);
    });
  }

  async listen(onMessage: (raw: string) => void): Promise<void> {
    this.#onMessage = onMessage;
    this.#listening = true;
    try {
      if (this.#subscriber.status === 'wait' || this.#subscriber.status === 'end') await this.#subscriber.connect();
      await this.#subscriber.subscribe(this.#options.channel);
    } catch (error) {
      // Stop the background reconnection of a first attempt that failed; the next listen starts afresh.
      this.#listening = false;
      this.#subscriber.disconnect();
      throw error;
    }
    this.#live = true;
  }

  async send(text: string): Promise<void> {
    await this.#connected(this.#commands);
    await this.#commands.publish(this.#options.channel, text);
  }

  async read(raw: string): Promise<string> {
    return raw;
  }

  async claim(eventId: string, subscriberKey: string): Promise<boolean> {
    await this.#connected(this.#commands);
    const key = `${this.#options.channel}:claim:${eventId}:${subscriberKey}`;
    return (await this.#commands.set(key, '1', 'PX', CLAIM_RETENTION_MS, 'NX')) === 'OK';
  }

  async stopListening(): Promise<void> {
    this.#listening = false;
    await quit(this.#subscriber);
  }

  async close(): Promise<void> {
    await quit(this.#commands);
  }

  async #connected(client: Redis): Promise<void> {
    if (client.status === 'wait') await client.connect();
  }

  #lost(): void {
    if (!this.#listening || !this.#live || this.#lostSince !== undefined) return;
    this.#lostSince = Date.now();
    this.#options.logger.warn(
      `Events: lost the connection to ${this.label}; events from other instances are not received until it is back. Reconnecting.`,
    );
  }

  #resubscribe(): void {
    if (!this.#listening || this.#lostSince === undefined) return;
    this.#subscriber.subscribe(this.#options.channel).then(
      () => {
        this.#lostSince = undefined;
        this.#options.logger.info(`Events: listening on ${this.label} again`);
      },
      // The connection went again; its next 'ready' tries again.
      (error: unknown) => this.#options.logger.debug(`Events: subscribing again on ${this.label} failed: ${messageOf(error)}`),
    );
  }
}

async function quit(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    // Not connected: QUIT would wait in the offline queue while ioredis keeps reconnecting.
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
