import { Router } from 'express';
import type { HttpAuthService } from '../../api';

/** Where a signed-in client asks a plugin for the user cookie its `user-cookie` routes accept. */
export const COOKIE_PATH = '/.backstage/auth/v1/cookie';

export function createCookieRouter(httpAuth: HttpAuthService): Router {
  const router = Router();
  router.get(COOKIE_PATH, async (_req, res, next) => {
    try {
      const { expiresAt } = await httpAuth.issueUserCookie(res);
      res.json({ expiresAt: expiresAt.toISOString() });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
