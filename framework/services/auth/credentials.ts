import type {
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstagePrincipalTypes,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '../../api';

/** What a user's credentials remember of the token they came from (never serialised). */
export interface UserTokenInfo {
  token: string;
  /** A limited token (cookie) may not be forwarded to other plugins. */
  limited: boolean;
  ownershipEntityRefs?: string[];
}

// A registered symbol, so credentials made by another copy of this package are still understood.
const TOKEN_INFO = Symbol.for('forklift.credentials.userToken');

export function createNoneCredentials(): BackstageCredentials<BackstageNonePrincipal> {
  return Object.freeze({ $$type: '@backstage/BackstageCredentials', principal: Object.freeze({ type: 'none' }) });
}

export function createServiceCredentials(subject: string, expiresAt?: Date): BackstageCredentials<BackstageServicePrincipal> {
  const credentials: BackstageCredentials<BackstageServicePrincipal> = {
    $$type: '@backstage/BackstageCredentials',
    principal: Object.freeze({ type: 'service', subject }),
  };
  if (expiresAt) credentials.expiresAt = expiresAt;
  return Object.freeze(credentials);
}

export function createUserCredentials(
  userEntityRef: string,
  options: { expiresAt?: Date; tokenInfo?: UserTokenInfo; actor?: BackstageServicePrincipal } = {},
): BackstageCredentials<BackstageUserPrincipal> {
  // `actor`: the plugin that forwarded the user's request (an on-behalf-of token), as Backstage's principals carry it.
  const principal = options.actor
    ? { type: 'user' as const, userEntityRef, actor: options.actor }
    : { type: 'user' as const, userEntityRef };
  const credentials: BackstageCredentials<BackstageUserPrincipal> = {
    $$type: '@backstage/BackstageCredentials',
    principal: Object.freeze(principal),
  };
  if (options.expiresAt) credentials.expiresAt = options.expiresAt;
  if (options.tokenInfo)
    Object.defineProperty(credentials, TOKEN_INFO, { value: Object.freeze({ ...options.tokenInfo }), enumerable: false });
  return Object.freeze(credentials);
}

/** The token behind user credentials, when they were made from one. */
export function getUserTokenInfo(credentials: BackstageCredentials): UserTokenInfo | undefined {
  return (credentials as unknown as Record<symbol, UserTokenInfo | undefined>)[TOKEN_INFO];
}

export function principalType(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { type?: string } | undefined)?.type;
}

export function isPrincipal<TType extends keyof BackstagePrincipalTypes>(
  credentials: BackstageCredentials,
  type: TType,
): credentials is BackstageCredentials<BackstagePrincipalTypes[TType]> {
  return type === 'unknown' || principalType(credentials) === type;
}
