import { createPublicKey, type JsonWebKey, type KeyObject } from 'crypto';
import { AuthenticationError, type DiscoveryService } from '../../../api';
import { messageOf } from '../../../wiring';

/** Where every plugin publishes the public keys of its plugin tokens (Backstage's path, under the plugin's base URL). */
export const JWKS_PATH = '/.backstage/auth/v1/jwks.json';

/** A fetched key set is trusted this long; then the next token refetches it (so withdrawn keys stop verifying). */
const KEY_SET_MAX_AGE_MS = 10 * 60 * 1000;
/** A token with an unknown `kid` refetches its issuer's keys at most this often per window: junk tokens cannot flood it. */
const FORCED_REFRESH_LIMIT = 10;
const FORCED_REFRESH_WINDOW_MS = 60 * 1000;

interface KeySet {
  keys: Map<string, KeyObject>;
  fetchedAtMs: number;
}

/**
 * The public keys of the plugins that send this plugin tokens, fetched from each issuer's JWKS route through
 * discovery and cached; an unknown `kid` (the issuer made a new key) refetches once before the token is refused.
 */
export class IssuerKeys {
  readonly #discovery: DiscoveryService;
  readonly #sets = new Map<string, Promise<KeySet>>();
  readonly #forcedRefreshes = new Map<string, number[]>();

  constructor(discovery: DiscoveryService) {
    this.#discovery = discovery;
  }

  async getKey(issuerPluginId: string, kid: string): Promise<KeyObject> {
    let set = await this.#current(issuerPluginId);
    if (!set.keys.has(kid) && this.#mayForceRefresh(issuerPluginId)) set = await this.#refresh(issuerPluginId);
    const key = set.keys.get(kid);
    if (!key) {
      throw new AuthenticationError(`Invalid plugin token: plugin '${issuerPluginId}' does not publish the key '${kid}' that signed it`);
    }
    return key;
  }

  async #current(pluginId: string): Promise<KeySet> {
    const cached = this.#sets.get(pluginId);
    if (cached) {
      const set = await cached.catch(() => undefined);
      if (set && set.fetchedAtMs + KEY_SET_MAX_AGE_MS > Date.now()) return set;
      // Another caller may already be refetching: share its request.
      if (this.#sets.get(pluginId) !== cached) return this.#current(pluginId);
    }
    return this.#refresh(pluginId);
  }

  #refresh(pluginId: string): Promise<KeySet> {
    const fetching = this.#fetch(pluginId);
    this.#sets.set(pluginId, fetching);
    fetching.catch(() => {
      if (this.#sets.get(pluginId) === fetching) this.#sets.delete(pluginId);
    });
    return fetching;
  }

  #mayForceRefresh(pluginId: string): boolean {
    const windowStart = Date.now() - FORCED_REFRESH_WINDOW_MS;
    const recent = (this.#forcedRefreshes.get(pluginId) ?? []).filter((at) => at > windowStart);
    if (recent.length >= FORCED_REFRESH_LIMIT) return false;
    recent.push(Date.now());
    this.#forcedRefreshes.set(pluginId, recent);
    return true;
  }

  async #fetch(pluginId: string): Promise<KeySet> {
    const url = `${await this.#discovery.getBaseUrl(pluginId)}${JWKS_PATH}`;
    let body: unknown;
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new AuthenticationError(
        `Invalid plugin token: the public keys of plugin '${pluginId}' could not be fetched from ${url} (${messageOf(error)}); is that plugin configured for key-pair plugin tokens?`,
        error,
      );
    }
    const list = (body as { keys?: unknown })?.keys;
    if (!Array.isArray(list)) throw new AuthenticationError(`Invalid plugin token: ${url} answered no JWKS (a "keys" list is required)`);
    const keys = new Map<string, KeyObject>();
    for (const jwk of list as Array<JsonWebKey & { kid?: unknown }>) {
      if (typeof jwk?.kid !== 'string') continue;
      try {
        keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
      } catch {
        // A key this runtime cannot read verifies nothing here; the others still do.
      }
    }
    return { keys, fetchedAtMs: Date.now() };
  }
}
