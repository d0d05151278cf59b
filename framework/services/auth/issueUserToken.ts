import { signToken, USER_TOKEN_AUDIENCE } from './tokens';

export interface IssueUserTokenOptions {
  /** One of the secrets in `backend.auth.keys`. */
  secret: string;
  /** e.g. `user:default/jane` */
  userEntityRef: string;
  /** The user and the groups they belong to; defaults to just the user. */
  ownershipEntityRefs?: string[];
  /** Default one hour. */
  expiresInSeconds?: number;
}

const ENTITY_REF = /^[a-z0-9-_.]+:[a-z0-9-_.]+\/[a-zA-Z0-9-_.]+$/i;

/**
 * Signs a user token the backend accepts. No sign-in flow ships with the framework; this is what a sign-in
 * plugin, a CLI or a test uses to stand in for one, with a key shared through `backend.auth.keys`.
 */
export function issueUserToken(options: IssueUserTokenOptions): { token: string; expiresAt: Date } {
  const { secret, userEntityRef, ownershipEntityRefs = [userEntityRef], expiresInSeconds = 3600 } = options;
  if (!ENTITY_REF.test(userEntityRef)) {
    throw new TypeError(`issueUserToken: userEntityRef must be a full entity ref like 'user:default/jane', got '${userEntityRef}'`);
  }
  const expiresAt = new Date(Date.now() + expiresInSeconds * 1000);
  const keys = { signing: secret, verifying: [secret], source: 'config' as const };
  const token = signToken(keys, 'user', { sub: userEntityRef, aud: USER_TOKEN_AUDIENCE, ent: ownershipEntityRefs }, expiresAt);
  return { token, expiresAt };
}
