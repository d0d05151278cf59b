/**
 * Server-to-server tokens of old backends, made and checked by the framework's auth service so that a token
 * from here is accepted by new plugins and the other way round (with shared `backend.auth.keys`).
 */
import { randomBytes } from 'crypto';
import { AuthenticationError } from '../../framework/api';
import type { AuthService, Config } from '../../framework/api';
import { DefaultAuthService, readAuthKeys, readExternalAccess, type AuthKeys } from '../../framework/services/auth';
import { ConfigReader } from '../../framework/services/rootConfig';
import { legacyTokenFor } from '../bridge/legacyTokens';
import type { TokenManager } from '../types';

// Without configured keys, every legacy manager of this process signs and verifies with one key.
const processKeys: AuthKeys = { signing: randomBytes(32).toString('base64url'), verifying: [], source: 'generated' };

function keysFor(config?: Config): AuthKeys {
  return config?.has('backend.auth.keys') ? readAuthKeys(config) : processKeys;
}

/** The auth service the standalone legacy runtime uses, speaking for the whole legacy backend. */
export function legacyAuthService(config?: Config): AuthService {
  return new DefaultAuthService({
    pluginId: 'legacy-backend',
    keys: keysFor(config),
    externalTokens: readExternalAccess(config ?? new ConfigReader({})),
  });
}

export class ServerTokenManager implements TokenManager {
  /** Tokens signed with `backend.auth.keys` (or a per-process key when none is configured). */
  static fromConfig(config: Config, _options: { logger?: unknown } = {}): TokenManager {
    return new ServerTokenManager(legacyAuthService(config));
  }

  /** The old "no authentication" manager: empty tokens, and every token accepted. */
  static noop(): TokenManager {
    return {
      async getToken() {
        return { token: '' };
      },
      async authenticate() {},
    };
  }

  readonly #auth: AuthService;

  private constructor(auth: AuthService) {
    this.#auth = auth;
  }

  async getToken(): Promise<{ token: string }> {
    return { token: await legacyTokenFor(this.#auth) };
  }

  async authenticate(token: string): Promise<void> {
    const credentials = await this.#auth.authenticate(token);
    if (!this.#auth.isPrincipal(credentials, 'service') && !this.#auth.isPrincipal(credentials, 'user')) {
      throw new AuthenticationError('The token does not carry service or user credentials');
    }
  }
}
