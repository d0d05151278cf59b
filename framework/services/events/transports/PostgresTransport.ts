/**
 * Events through PostgreSQL: NOTIFY on one channel, one LISTEN connection per instance, and two small tables in the
 * connection's database: claims (who handles an event for a subscriber) and payloads too large for a NOTIFY.
 */
import { randomUUID } from 'crypto';
import type { Client, Pool, QueryConfig } from 'pg';
import type { LoggerService } from '../../../api';
import { messageOf } from '../../../wiring';
import { CLAIM_RETENTION_MS, type EventTransport } from './EventTransport';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (its default build). */
const NOTIFY_MAX_BYTES = 7_999;
/** A NOTIFY text that stands for a stored payload; a JSON message never starts with it. */
const STORED_PREFIX = '@';
const CLAIMS_TABLE = 'forklift_events_claims';
const PAYLOADS_TABLE = 'forklift_events_payloads';
/** A listen connection that stops answering (a silent partition) is noticed by this probe and replaced. */
const KEEPALIVE_INTERVAL_MS = 30_000;
const KEEPALIVE_TIMEOUT_MS = 10_000;
const CLEANUP_INTERVAL_MS = 60_000;
// The server truncates longer application names.
const MAX_APPLICATION_NAME_BYTES = 63;

export interface PostgresTransportOptions {
  /** pg connection settings (timeouts included), as the database service reads them. */
  connection: Record<string, unknown>;
  channel: string;
  /** Where, for messages: `host:port`. */
  host: string;
  retryIntervalMs: number;
  logger: LoggerService;
}

function loadPg(): typeof import('pg') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return require('pg') as typeof import('pg');
}

export class PostgresTransport implements EventTransport {
  readonly label: string;
  readonly #options: PostgresTransportOptions;
  readonly #pg = loadPg();
  readonly #pool: Pool;
  readonly #channelSql: string;
  #onMessage?: (raw: string) => void;
  #listener?: Client;
  #listening = false;
  #reconnectTimer?: NodeJS.Timeout;
  #keepaliveTimer?: NodeJS.Timeout;
  #cleanupTimer?: NodeJS.Timeout;
  #tablesReady?: Promise<void>;

  constructor(options: PostgresTransportOptions) {
    this.#options = options;
    this.label = `PostgreSQL at ${options.host} (channel '${options.channel}')`;
    this.#channelSql = this.#pg.escapeIdentifier(options.channel);
    this.#pool = new this.#pg.Pool({ ...options.connection, max: 4, application_name: this.#applicationName('send') });
    // An idle pooled connection the server dropped is replaced on the next query; the listener logs the outage.
    this.#pool.on('error', (error) =>
      this.#options.logger.debug(`Events: an idle connection to ${this.label} failed: ${messageOf(error)}`),
    );
  }

  async listen(onMessage: (raw: string) => void): Promise<void> {
    this.#onMessage = onMessage;
    this.#listening = true;
    await this.#ensureTables();
    if (!this.#listener) this.#listener = await this.#connectListener();
    this.#keepaliveTimer ??= setInterval(() => this.#probe(), KEEPALIVE_INTERVAL_MS).unref();
    this.#cleanupTimer ??= setInterval(() => this.#cleanup(), CLEANUP_INTERVAL_MS).unref();
  }

  async send(text: string): Promise<void> {
    if (Buffer.byteLength(text) <= NOTIFY_MAX_BYTES) {
      await this.#pool.query('SELECT pg_notify($1, $2)', [this.#options.channel, text]);
      return;
    }
    // Too large for NOTIFY: the text goes into a row and the notification names it. One statement, so the row is
    // committed when the notification is delivered.
    const id = randomUUID();
    await this.#pool.query(
      `WITH stored AS (INSERT INTO ${PAYLOADS_TABLE} (id, body) VALUES ($1, $2) RETURNING id) SELECT pg_notify($3, $4) FROM stored`,
      [id, text, this.#options.channel, `${STORED_PREFIX}${id}`],
    );
  }

  async read(raw: string): Promise<string> {
    if (!raw.startsWith(STORED_PREFIX)) return raw;
    const id = raw.slice(STORED_PREFIX.length);
    const { rows } = await this.#pool.query<{ body: string }>(`SELECT body FROM ${PAYLOADS_TABLE} WHERE id = $1`, [id]);
    if (rows.length === 0) {
      throw new Error(`the stored event ${id} is gone (large events are kept ${CLAIM_RETENTION_MS / 60_000} minutes)`);
    }
    return rows[0].body;
  }

  async claim(eventId: string, subscriberKey: string): Promise<boolean> {
    const result = await this.#pool.query(`INSERT INTO ${CLAIMS_TABLE} (event_id, subscriber) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      eventId,
      subscriberKey,
    ]);
    return result.rowCount === 1;
  }

  async stopListening(): Promise<void> {
    this.#listening = false;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#keepaliveTimer);
    const listener = this.#listener;
    this.#listener = undefined;
    if (listener) await this.#end(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.#cleanupTimer);
    await this.#pool.end();
  }

  /** Both tables, created once per database; concurrent starters take turns on an advisory lock. */
  #ensureTables(): Promise<void> {
    this.#tablesReady ??= (async () => {
      const client = await this.#pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [CLAIMS_TABLE]);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${CLAIMS_TABLE} (event_id text NOT NULL, subscriber text NOT NULL, ` +
            `claimed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (event_id, subscriber))`,
        );
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${PAYLOADS_TABLE} (id text PRIMARY KEY, body text NOT NULL, ` +
            `created_at timestamptz NOT NULL DEFAULT now())`,
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })().catch((error) => {
      this.#tablesReady = undefined;
      throw error;
    });
    return this.#tablesReady;
  }

  async #connectListener(): Promise<Client> {
    const client = new this.#pg.Client({ ...this.#options.connection, application_name: this.#applicationName('listen') });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('the connection ended')));
    // Not gated on being the current listener: a notification can arrive in the same packet as LISTEN's answer,
    // before the caller has stored the client. A replaced client stops emitting when it is ended.
    client.on('notification', ({ channel, payload }) => {
      if (channel === this.#options.channel && payload !== undefined) this.#onMessage?.(payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.#channelSql}`);
      return client;
    } catch (error) {
      await this.#end(client);
      throw error;
    }
  }

  #lost(client: Client, error: unknown): void {
    if (client !== this.#listener || !this.#listening) return;
    this.#listener = undefined;
    void this.#end(client);
    this.#options.logger.warn(
      `Events: lost the connection to ${this.label} (${messageOf(error)}); events from other instances are not received until it is back. Reconnecting.`,
    );
    this.#reconnect(0);
  }

  #reconnect(attempt: number): void {
    const delay = Math.min(100 * 2 ** attempt, this.#options.retryIntervalMs);
    this.#reconnectTimer = setTimeout(async () => {
      if (!this.#listening) return;
      let client: Client;
      try {
        client = await this.#connectListener();
      } catch {
        if (this.#listening) this.#reconnect(attempt + 1);
        return;
      }
      if (!this.#listening) {
        await this.#end(client);
        return;
      }
      this.#listener = client;
      this.#options.logger.info(`Events: listening on ${this.label} again`);
    }, delay);
  }

  #probe(): void {
    const client = this.#listener;
    if (!client) return;
    client
      .query({ text: 'SELECT 1', query_timeout: KEEPALIVE_TIMEOUT_MS } as QueryConfig)
      .catch((error: unknown) => this.#lost(client, error));
  }

  #cleanup(): void {
    const cutoff = `now() - ($1 * interval '1 millisecond')`;
    Promise.all([
      this.#pool.query(`DELETE FROM ${CLAIMS_TABLE} WHERE claimed_at < ${cutoff}`, [CLAIM_RETENTION_MS]),
      this.#pool.query(`DELETE FROM ${PAYLOADS_TABLE} WHERE created_at < ${cutoff}`, [CLAIM_RETENTION_MS]),
    ]).catch((error) => this.#options.logger.debug(`Events: cleaning old claims on ${this.label} failed: ${messageOf(error)}`));
  }

  async #end(client: Client): Promise<void> {
    client.removeAllListeners('notification');
    // A failing connection may still report errors while it closes.
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }

  #applicationName(role: string): string {
    return Buffer.from(`forklift-events-${role}:${this.#options.channel}`).subarray(0, MAX_APPLICATION_NAME_BYTES).toString();
  }
}
