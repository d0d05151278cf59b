import type { RequestHandler } from 'express';
import type { HttpAuthService } from '../../api';

/** Where a signed-in client asks a plugin for the user cookie its `user-cookie` routes accept. */
export const COOKIE_PATH = '/.backstage/auth/v1/cookie';

/** Issues the user cookie for the caller's user credentials (header, or a cookie being refreshed). */
export function createCookieHandler(httpAuth: HttpAuthService): RequestHandler {
  return async (_req, res, next) => {
    try {
      const { expiresAt } = await httpAuth.issueUserCookie(res);
      res.json({ expiresAt: expiresAt.toISOString() });
    } catch (error) {
      next(error);
    }
  };
}
