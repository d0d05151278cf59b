import type { Request, Response } from 'express';
import {
  AuthenticationError,
  NotAllowedError,
  type AuthService,
  type BackstageCredentials,
  type BackstagePrincipalTypes,
  type HttpAuthService,
} from '../../api';
import { bearerToken, cookieToken, USER_COOKIE_NAME } from './requestTokens';

/**
 * Credentials of incoming requests, from the bearer token (or, where limited access is allowed, the user
 * cookie). The result is remembered per request, so the auth barrier and the route handler share one check.
 */
export class DefaultHttpAuthService implements HttpAuthService {
  readonly #auth: AuthService;
  readonly #seen = new WeakMap<Request, { full?: Promise<BackstageCredentials>; limited?: Promise<BackstageCredentials> }>();

  constructor(options: { auth: AuthService }) {
    this.#auth = options.auth;
  }

  async credentials<TAllowed extends keyof BackstagePrincipalTypes = 'unknown'>(
    req: Request,
    options: { allow?: TAllowed[]; allowLimitedAccess?: boolean } = {},
  ): Promise<BackstageCredentials<BackstagePrincipalTypes[TAllowed]>> {
    const credentials = await this.#extract(req, Boolean(options.allowLimitedAccess));
    const { allow } = options;
    if (allow && !allow.includes('unknown' as TAllowed)) {
      const type = (credentials.principal as { type: string }).type;
      if (!allow.includes(type as TAllowed)) {
        if (type === 'none') throw new AuthenticationError('Missing credentials: send a token in the Authorization header (Bearer)');
        throw new NotAllowedError(`This endpoint does not allow '${type}' credentials; allowed: ${allow.join(', ')}`);
      }
    }
    return credentials as BackstageCredentials<BackstagePrincipalTypes[TAllowed]>;
  }

  async issueUserCookie(res: Response, options: { credentials?: BackstageCredentials } = {}): Promise<{ expiresAt: Date }> {
    const credentials = options.credentials ?? (await this.credentials(res.req, { allow: ['user'], allowLimitedAccess: true }));
    if (!this.#auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        `A user cookie can only be issued for user credentials, got '${(credentials.principal as { type: string }).type}'`,
      );
    }
    const { token, expiresAt } = await this.#auth.getLimitedUserToken(credentials);
    res.cookie(USER_COOKIE_NAME, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: res.req.secure,
      path: '/',
      expires: expiresAt,
    });
    return { expiresAt };
  }

  #extract(req: Request, allowLimited: boolean): Promise<BackstageCredentials> {
    let entry = this.#seen.get(req);
    if (!entry) this.#seen.set(req, (entry = {}));
    const slot = allowLimited ? 'limited' : 'full';
    let pending = entry[slot];
    if (!pending) {
      const token = bearerToken(req) ?? (allowLimited ? cookieToken(req) : undefined);
      pending = token ? this.#auth.authenticate(token, { allowLimitedAccess: allowLimited }) : this.#auth.getNoneCredentials();
      entry[slot] = pending;
    }
    return pending;
  }
}
