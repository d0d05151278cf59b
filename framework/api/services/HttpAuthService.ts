import type { Request, Response } from 'express';
import type { BackstageCredentials, BackstagePrincipalTypes } from './AuthService';

/** Credentials of incoming HTTP requests. */
export interface HttpAuthService {
  /** The request's credentials; throws NotAllowedError when their type is not in `allow`. */
  credentials<TAllowed extends keyof BackstagePrincipalTypes = 'unknown'>(
    req: Request,
    options?: { allow?: TAllowed[]; allowLimitedAccess?: boolean },
  ): Promise<BackstageCredentials<BackstagePrincipalTypes[TAllowed]>>;
  /** Sets a cookie carrying the user's credentials, for routes with `allow: 'user-cookie'`. */
  issueUserCookie(res: Response, options?: { credentials?: BackstageCredentials }): Promise<{ expiresAt: Date }>;
}
