import { generateKeyPairSync, randomUUID } from 'crypto';
import type { Knex } from 'knex';
import type { DatabaseService, JsonObject, LoggerService } from '../../../api';
import { messageOf } from '../../../wiring';
import { PLUGIN_KEY_ALGORITHM, type PluginKeySource, type PluginSigningKey } from './PluginKeySource';

/** Backstage's table name and columns, so a plugin's database keeps working when it moves between the two. */
export const PUBLIC_KEYS_TABLE = 'backstage_backend_public_keys__keys';

/**
 * Public keys outlive their signing period by this factor: a token signed just before a key was replaced
 * still verifies, and instances that cached the old key set keep working until they refresh.
 */
const PUBLIC_KEY_LIFETIME_FACTOR = 3;

export interface DatabasePluginKeySourceOptions {
  database: DatabaseService;
  logger: LoggerService;
  /** How long one key pair signs before a new one is made. */
  keyDurationMs: number;
}

/**
 * Key pairs made by each instance for itself: the private half stays in this process's memory, the public half
 * goes to the plugin's database, so every instance of the deployment publishes the keys of all the others
 * (whichever instance a receiver's JWKS request reaches, it lists the key that signed the token).
 */
export class DatabasePluginKeySource implements PluginKeySource {
  readonly #database: DatabaseService;
  readonly #logger: LoggerService;
  readonly #keyDurationMs: number;
  #table?: Promise<Knex>;
  #signing?: { key: Promise<PluginSigningKey>; until: number };

  constructor(options: DatabasePluginKeySourceOptions) {
    this.#database = options.database;
    this.#logger = options.logger;
    this.#keyDurationMs = options.keyDurationMs;
  }

  async getPrivateSigningKey(): Promise<PluginSigningKey> {
    if (this.#signing && this.#signing.until > Date.now()) return this.#signing.key;
    const signing = { key: this.#createKey(), until: Date.now() + this.#keyDurationMs };
    this.#signing = signing;
    // A failed attempt (database down) is forgotten so the next token tries again.
    signing.key.catch(() => {
      if (this.#signing === signing) this.#signing = undefined;
    });
    return signing.key;
  }

  async listKeys(): Promise<JsonObject[]> {
    const knex = await this.#client();
    const rows: Array<{ id: string; key: string; expires_at: string }> = await knex(PUBLIC_KEYS_TABLE).select();
    const now = Date.now();
    const expired = rows.filter((row) => Date.parse(row.expires_at) <= now).map((row) => row.id);
    if (expired.length > 0) {
      // Cleanup is best effort: a failure leaves rows that the next listing skips and retries.
      knex(PUBLIC_KEYS_TABLE)
        .whereIn('id', expired)
        .delete()
        .catch((error: unknown) => this.#logger.warn(`Could not remove expired plugin token keys: ${messageOf(error)}`));
    }
    return rows.filter((row) => !expired.includes(row.id)).map((row) => JSON.parse(row.key) as JsonObject);
  }

  async #createKey(): Promise<PluginSigningKey> {
    const kid = randomUUID();
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: PLUGIN_KEY_ALGORITHM, use: 'sig' };
    const knex = await this.#client();
    const expiresAt = new Date(Date.now() + this.#keyDurationMs * PUBLIC_KEY_LIFETIME_FACTOR);
    await knex(PUBLIC_KEYS_TABLE).insert({ id: kid, key: JSON.stringify(jwk), expires_at: expiresAt.toISOString() });
    this.#logger.info(`Created plugin token signing key ${kid}`);
    return { kid, algorithm: PLUGIN_KEY_ALGORITHM, privateKey };
  }

  #client(): Promise<Knex> {
    if (!this.#table) {
      const table = this.#prepare();
      this.#table = table;
      table.catch(() => {
        if (this.#table === table) this.#table = undefined;
      });
    }
    return this.#table;
  }

  async #prepare(): Promise<Knex> {
    const knex = await this.#database.getClient();
    try {
      await createTable(knex);
    } catch (error) {
      // Another instance may have created it at the same moment; only a table still missing is a failure.
      if (!(await knex.schema.hasTable(PUBLIC_KEYS_TABLE))) {
        throw new Error(`Could not create the plugin token key table '${PUBLIC_KEYS_TABLE}': ${messageOf(error)}`, { cause: error });
      }
    }
    return knex;
  }
}

async function createTable(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(PUBLIC_KEYS_TABLE)) return;
  await knex.schema.createTable(PUBLIC_KEYS_TABLE, (table) => {
    table.string('id').primary().notNullable();
    table.text('key').notNullable();
    // An ISO timestamp string, as Backstage stores it; expiry is checked in code.
    table.string('expires_at').notNullable();
  });
}
