import type { Algorithm, JwtPayload } from 'jsonwebtoken';
import { AuthenticationError } from '../../api';
import { verifyingKeys, type AuthKeys } from './readAuthKeys';
import type { IssuerKeys, PluginSigningKey } from './pluginKeys';
import { messageOf } from '../../wiring';

// jsonwebtoken (with its semver copy) is loaded by the first token signed or checked, not at import: a backend
// whose requests never carry a token does not pay for it at startup.
function loadJwt(): typeof import('jsonwebtoken') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return require('jsonwebtoken');
}

/** JWT header `typ` of each kind of backend token (Backstage's names, so tooling recognises them). */
export const TOKEN_TYPES = {
  plugin: 'vnd.backstage.plugin',
  user: 'vnd.backstage.user',
  limitedUser: 'vnd.backstage.limited-user',
} as const;
export type TokenType = keyof typeof TOKEN_TYPES;

/**
 * Audience of the tokens a legacy plugin's `tokenManager.getToken()` makes: old server tokens had no target, so
 * every plugin of the deployment accepts them (the legacy contract). Not a valid plugin id, so never a real target.
 */
export const LEGACY_SERVER_TOKEN_AUDIENCE = 'legacy:any-plugin';

/** Audience of user tokens: any plugin of the deployment may receive them. */
export const USER_TOKEN_AUDIENCE = 'backstage';
/** What tokens signed with `backend.auth.keys` use. */
export const SHARED_SECRET_ALGORITHM = 'HS256';
const ALGORITHM = SHARED_SECRET_ALGORITHM;

export interface VerifiedToken {
  type: TokenType;
  /** `obo`: on a plugin token, the user token it forwards (an on-behalf-of token). */
  payload: JwtPayload & { sub: string; ent?: string[]; obo?: string };
}

export function signToken(
  keys: AuthKeys,
  type: TokenType,
  claims: { sub: string; aud: string; ent?: string[]; obo?: string },
  expiresAt: Date,
): string {
  const payload = { ...claims, exp: Math.floor(expiresAt.getTime() / 1000) };
  return loadJwt().sign(payload, keys.signing, { algorithm: ALGORITHM, header: { alg: ALGORITHM, typ: TOKEN_TYPES[type] } });
}

/** Checks signature (against every configured key) and expiry; throws AuthenticationError naming the reason. */
export function verifyToken(keys: AuthKeys, token: string): VerifiedToken {
  const jwt = loadJwt();
  let lastError: unknown;
  for (const key of verifyingKeys(keys)) {
    try {
      const { header, payload } = jwt.verify(token, key, { algorithms: [ALGORITHM], complete: true });
      return { type: tokenType(header.typ), payload: checkPayload(payload) };
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof jwt.TokenExpiredError) throw new AuthenticationError(`Token expired at ${error.expiredAt.toISOString()}`);
      if (!(error instanceof jwt.JsonWebTokenError) || error.message !== 'invalid signature') {
        throw new AuthenticationError(`Invalid token: ${messageOf(error)}`);
      }
      lastError = error;
    }
  }
  throw new AuthenticationError('Invalid token signature: it was not signed with a key of this backend (backend.auth.keys)', lastError);
}

/** Key-pair plugin tokens carry the bare plugin id as subject (Backstage's form); credentials say `plugin:<id>`. */
const PLUGIN_ID_PATTERN = /^[a-z0-9_-]+$/i;
/** Only public-key algorithms: a key-pair token must never be checked as an HMAC over a published key. */
const KEY_PAIR_ALGORITHMS: Algorithm[] = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

/** The header of a token, without checking it: which kind it is and which key signed it. */
export function peekHeader(token: string): { alg?: string; kid?: string; typ?: string } | undefined {
  const decoded = loadJwt().decode(token, { complete: true });
  return decoded && typeof decoded === 'object' ? decoded.header : undefined;
}

/** True for a plugin token signed with a plugin's key pair (rather than a shared secret). */
export function isKeyPairPluginToken(token: string): boolean {
  const header = peekHeader(token);
  return header?.typ === TOKEN_TYPES.plugin && header.alg !== ALGORITHM;
}

export function signKeyPairPluginToken(
  key: PluginSigningKey,
  claims: { pluginId: string; aud: string; obo?: string },
  expiresAt: Date,
): string {
  const iat = Math.floor(Date.now() / 1000);
  const payload = { sub: claims.pluginId, aud: claims.aud, obo: claims.obo, iat, exp: Math.floor(expiresAt.getTime() / 1000) };
  return loadJwt().sign(payload, key.privateKey, {
    algorithm: key.algorithm as Algorithm,
    header: { alg: key.algorithm as Algorithm, typ: TOKEN_TYPES.plugin, kid: key.kid },
  });
}

/** Checks a key-pair plugin token against the public keys its issuer plugin publishes (fetched through discovery). */
export async function verifyKeyPairPluginToken(token: string, issuerKeys: IssuerKeys): Promise<VerifiedToken> {
  const decoded = loadJwt().decode(token, { complete: true });
  const kid = decoded?.header.kid;
  const sub = typeof decoded?.payload === 'object' ? decoded.payload.sub : undefined;
  if (typeof kid !== 'string') throw new AuthenticationError('Invalid plugin token: a key-pair token needs a key id (kid) in its header');
  if (typeof sub !== 'string' || !PLUGIN_ID_PATTERN.test(sub)) {
    throw new AuthenticationError('Invalid plugin token: the subject (sub) must be the id of the issuing plugin');
  }
  const key = await issuerKeys.getKey(sub, kid);
  const jwt = loadJwt();
  try {
    const payload = jwt.verify(token, key, { algorithms: KEY_PAIR_ALGORITHMS });
    const checked = checkPayload(payload);
    if (typeof checked.iat !== 'number' || typeof checked.aud !== 'string') {
      throw new AuthenticationError('Invalid plugin token: the issued-at (iat) and audience (aud) claims are required');
    }
    return { type: 'plugin', payload: { ...checked, sub: `plugin:${sub}` } };
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof jwt.TokenExpiredError) throw new AuthenticationError(`Token expired at ${error.expiredAt.toISOString()}`);
    throw new AuthenticationError(`Invalid plugin token from plugin '${sub}': ${messageOf(error)}`, error);
  }
}

function tokenType(typ: unknown): TokenType {
  for (const [type, value] of Object.entries(TOKEN_TYPES)) {
    if (value === typ) return type as TokenType;
  }
  throw new AuthenticationError(`Invalid token: unknown token type ${JSON.stringify(typ)}`);
}

function checkPayload(payload: string | JwtPayload): VerifiedToken['payload'] {
  if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
    throw new AuthenticationError('Invalid token: the subject (sub) and expiry (exp) claims are required');
  }
  // `ent` is the claim Backstage issues; `ownershipEntityRefs` is accepted from issuers that spell it out.
  const ent = payload.ent ?? payload.ownershipEntityRefs;
  if (ent !== undefined && !(Array.isArray(ent) && ent.every((e) => typeof e === 'string'))) {
    throw new AuthenticationError('Invalid token: the ownership claim (ent) must be a list of entity refs');
  }
  return { ...payload, ent } as VerifiedToken['payload'];
}
