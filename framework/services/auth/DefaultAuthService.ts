import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  type AuthService,
  type BackstageCredentials,
  type BackstageNonePrincipal,
  type BackstagePrincipalTypes,
  type BackstageServicePrincipal,
  type BackstageUserPrincipal,
  type JsonObject,
} from '../../api';
import {
  createNoneCredentials,
  createServiceCredentials,
  createUserCredentials,
  getUserTokenInfo,
  isPrincipal,
  principalType,
} from './credentials';
import type { AuthKeys } from './readAuthKeys';
import type { StaticExternalTokens } from './readExternalAccess';
import type { IssuerKeys, PluginKeySource } from './pluginKeys';
import {
  isKeyPairPluginToken,
  LEGACY_SERVER_TOKEN_AUDIENCE,
  peekHeader,
  SHARED_SECRET_ALGORITHM,
  signKeyPairPluginToken,
  signToken,
  USER_TOKEN_AUDIENCE,
  verifyKeyPairPluginToken,
  verifyToken,
  type VerifiedToken,
} from './tokens';

/** Lifetime of plugin-to-plugin tokens: long enough for one call chain, short enough that a leak ages fast. */
export const PLUGIN_TOKEN_TTL_MS = 10 * 60 * 1000;
const CACHE_LIMIT = 1000;

export interface DefaultAuthServiceOptions {
  pluginId: string;
  keys: AuthKeys;
  externalTokens: StaticExternalTokens;
  /** With key pairs (`backend.auth.pluginTokenSigning: key-pair`), plugin tokens are signed ES256 and the keys listed. */
  pluginKeys?: PluginKeySource;
  /** Verifies incoming key-pair plugin tokens (Backstage's, or key-pair Forklift's) with their issuer's published keys. */
  issuerKeys?: IssuerKeys;
}

interface CacheEntry {
  credentials: BackstageCredentials;
  expiresAtMs: number;
  limited: boolean;
}

/**
 * One plugin's view of backend tokens: it mints tokens addressed to other plugins and only accepts plugin
 * tokens addressed to itself. Verified tokens are remembered until they expire, so a client reusing its
 * token costs one signature check, not one per request.
 */
export class DefaultAuthService implements AuthService {
  readonly #pluginId: string;
  readonly #keys: AuthKeys;
  readonly #externalTokens: StaticExternalTokens;
  readonly #pluginKeys?: PluginKeySource;
  readonly #issuerKeys?: IssuerKeys;
  readonly #verified = new Map<string, CacheEntry>();

  constructor(options: DefaultAuthServiceOptions) {
    this.#pluginId = options.pluginId;
    this.#keys = options.keys;
    this.#externalTokens = options.externalTokens;
    this.#pluginKeys = options.pluginKeys;
    this.#issuerKeys = options.issuerKeys;
  }

  async authenticate(token: string, options: { allowLimitedAccess?: boolean } = {}): Promise<BackstageCredentials> {
    if (typeof token !== 'string' || token === '') throw new AuthenticationError('Missing token');
    const cached = this.#verified.get(token);
    if (cached && cached.expiresAtMs > Date.now()) return this.#accept(cached, options);
    if (cached) this.#verified.delete(token);

    const externalSubject = this.#externalTokens.match(token);
    if (externalSubject !== undefined) return createServiceCredentials(`external:${externalSubject}`);

    const entry = this.#fromVerified(await this.#verify(token), token);
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.delete(this.#verified.keys().next().value as string);
    this.#verified.set(token, entry);
    return this.#accept(entry, options);
  }

  isPrincipal<TType extends keyof BackstagePrincipalTypes>(
    credentials: BackstageCredentials,
    type: TType,
  ): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]> {
    return isPrincipal(credentials, type);
  }

  async getNoneCredentials(): Promise<BackstageCredentials<BackstageNonePrincipal>> {
    return createNoneCredentials();
  }

  async getOwnServiceCredentials(): Promise<BackstageCredentials<BackstageServicePrincipal>> {
    return createServiceCredentials(`plugin:${this.#pluginId}`);
  }

  async getPluginRequestToken(options: { onBehalfOf: BackstageCredentials; targetPluginId: string }): Promise<{ token: string }> {
    const { onBehalfOf, targetPluginId } = options ?? ({} as typeof options);
    if (typeof targetPluginId !== 'string' || targetPluginId === '') {
      throw new InputError('getPluginRequestToken: targetPluginId must be the id of the plugin you call, e.g. "catalog"');
    }
    switch (principalType(onBehalfOf)) {
      case 'none':
        // Calling on behalf of nobody: the target sees an anonymous request, exactly as we received it.
        return { token: '' };
      case 'user': {
        const info = getUserTokenInfo(onBehalfOf);
        if (!info) {
          throw new NotAllowedError('getPluginRequestToken: these user credentials carry no token to forward (were they made by hand?)');
        }
        if (info.limited) {
          throw new NotAllowedError('getPluginRequestToken: a limited user token (from a cookie) cannot be forwarded to another plugin');
        }
        // An on-behalf-of token: this plugin calls the target for the user, so the target sees the user with this
        // plugin as the actor (Backstage's permission plugin, for one, refuses some queries from users directly).
        const expiresAt = new Date(Math.min(Date.now() + PLUGIN_TOKEN_TTL_MS, onBehalfOf.expiresAt?.getTime() ?? Infinity));
        return { token: await this.#signPluginToken(targetPluginId, expiresAt, info.token) };
      }
      case 'service':
        return { token: await this.#signPluginToken(targetPluginId, new Date(Date.now() + PLUGIN_TOKEN_TTL_MS)) };
      default:
        throw new InputError('getPluginRequestToken: onBehalfOf must be credentials from auth or httpAuth');
    }
  }

  async getLimitedUserToken(credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<{ token: string; expiresAt: Date }> {
    if (principalType(credentials) !== 'user') {
      throw new InputError(`getLimitedUserToken: user credentials are required, got '${principalType(credentials)}'`);
    }
    const info = getUserTokenInfo(credentials);
    if (!info || !credentials.expiresAt) {
      throw new NotAllowedError('getLimitedUserToken: these user credentials carry no token (were they made by hand?)');
    }
    if (info.limited) return { token: info.token, expiresAt: credentials.expiresAt };
    const claims = { sub: credentials.principal.userEntityRef, aud: USER_TOKEN_AUDIENCE, ent: info.ownershipEntityRefs };
    return { token: signToken(this.#keys, 'limitedUser', claims, credentials.expiresAt), expiresAt: credentials.expiresAt };
  }

  /**
   * The public keys of this plugin's key pairs, which its JWKS route serves. With shared-secret signing (the
   * default) there is no public key behind any token this service issues, so none is listed.
   */
  async listPublicServiceKeys(): Promise<{ keys: JsonObject[] }> {
    return { keys: this.#pluginKeys ? await this.#pluginKeys.listKeys() : [] };
  }

  async #signPluginToken(targetPluginId: string, expiresAt: Date, obo?: string): Promise<string> {
    if (this.#pluginKeys) {
      const key = await this.#pluginKeys.getPrivateSigningKey();
      return signKeyPairPluginToken(key, { pluginId: this.#pluginId, aud: targetPluginId, obo }, expiresAt);
    }
    return signToken(this.#keys, 'plugin', { sub: `plugin:${this.#pluginId}`, aud: targetPluginId, obo }, expiresAt);
  }

  async #verify(token: string): Promise<VerifiedToken> {
    if (!isKeyPairPluginToken(token)) return verifyToken(this.#keys, token);
    if (!this.#issuerKeys) {
      throw new AuthenticationError('Invalid token: key-pair plugin tokens are not checked by this auth service (it has no discovery)');
    }
    return verifyKeyPairPluginToken(token, this.#issuerKeys);
  }

  #fromVerified({ type, payload }: VerifiedToken, token: string): CacheEntry {
    const expiresAt = new Date(payload.exp! * 1000);
    if (type === 'plugin') {
      if (payload.aud !== this.#pluginId && payload.aud !== LEGACY_SERVER_TOKEN_AUDIENCE) {
        throw new AuthenticationError(`Invalid token: it is addressed to plugin '${String(payload.aud)}', not to '${this.#pluginId}'`);
      }
      if (typeof payload.obo === 'string') return this.#onBehalfOf(payload.obo, payload.sub, expiresAt);
      return { credentials: createServiceCredentials(payload.sub, expiresAt), expiresAtMs: expiresAt.getTime(), limited: false };
    }
    if (payload.aud !== USER_TOKEN_AUDIENCE) {
      throw new AuthenticationError(`Invalid token: user tokens must have the audience '${USER_TOKEN_AUDIENCE}'`);
    }
    const limited = type === 'limitedUser';
    const credentials = createUserCredentials(payload.sub, {
      expiresAt,
      tokenInfo: { token, limited, ownershipEntityRefs: payload.ent },
    });
    return { credentials, expiresAtMs: expiresAt.getTime(), limited };
  }

  /** A plugin token carrying a user's token: the user, acting through that plugin. */
  #onBehalfOf(userToken: string, actorSubject: string, expiresAt: Date): CacheEntry {
    if (peekHeader(userToken)?.alg !== SHARED_SECRET_ALGORITHM) {
      // Backstage forwards a user token its auth backend signed with a key pair; Forklift checks user tokens with backend.auth.keys only.
      throw new AuthenticationError(
        "Invalid token: the user token it forwards is not signed with backend.auth.keys (user tokens from Backstage's auth backend are not supported)",
      );
    }
    const verified = verifyToken(this.#keys, userToken);
    if (verified.type !== 'user' || verified.payload.aud !== USER_TOKEN_AUDIENCE) {
      throw new AuthenticationError('Invalid token: an on-behalf-of token must carry a full user token');
    }
    const credentials = createUserCredentials(verified.payload.sub, {
      expiresAt,
      tokenInfo: { token: userToken, limited: false, ownershipEntityRefs: verified.payload.ent },
      actor: { type: 'service', subject: actorSubject },
    });
    return { credentials, expiresAtMs: expiresAt.getTime(), limited: false };
  }

  #accept(entry: CacheEntry, options: { allowLimitedAccess?: boolean }): BackstageCredentials {
    if (entry.limited && !options.allowLimitedAccess) {
      throw new AuthenticationError('Limited user tokens (cookies) are only accepted on routes with a user-cookie auth policy');
    }
    return entry.credentials;
  }
}
