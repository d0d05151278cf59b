import type { JwtPayload } from 'jsonwebtoken';
import { AuthenticationError } from '../../api';
import { verifyingKeys, type AuthKeys } from './readAuthKeys';
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
const ALGORITHM = 'HS256';

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
