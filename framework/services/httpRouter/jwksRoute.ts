import type { RequestHandler } from 'express';
import type { AuthService } from '../../api';
import { JWKS_PATH } from '../auth/pluginKeys';

/**
 * `GET <plugin base URL>/.backstage/auth/v1/jwks.json`, open to anyone (public keys), checked before the auth
 * barrier: the plugin's public keys, with which receivers verify the key-pair plugin tokens it issues.
 */
export function jwksRoute(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== JWKS_PATH) return next();
    try {
      const { keys } = await auth.listPublicServiceKeys();
      res.json({ keys });
    } catch (error) {
      next(error);
    }
  };
}
