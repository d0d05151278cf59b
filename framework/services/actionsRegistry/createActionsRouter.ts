import express, { type Request } from 'express';
import Router from 'express-promise-router';
import { NotAllowedError, type AuthService, type HttpAuthService } from '../../api';
import type { PluginActionsRegistry } from './PluginActionsRegistry';

/** Where a plugin's actions are served, under its base path (`/api/<pluginId>`), as Backstage serves them. */
export const ACTIONS_BASE = '/.backstage/actions';

/**
 * The routes of one plugin's actions: `GET v1/actions` lists them with JSON Schemas, `GET v1/status` tells a
 * service whether the plugin has any, and `POST v1/actions/:id/invoke` (body = input) and
 * `POST v2/actions/:id/invoke` (body = `{ input, secrets }`) run one and answer `{ output }`.
 */
export function createActionsRouter(options: { registry: PluginActionsRegistry; httpAuth: HttpAuthService; auth: AuthService }) {
  const { registry, httpAuth, auth } = options;
  const router = Router();
  router.use(`${ACTIONS_BASE}/`, express.json());

  router.get(`${ACTIONS_BASE}/v1/actions`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json({ actions: await registry.list(credentials) });
  });

  router.get(`${ACTIONS_BASE}/v1/status`, async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ hasActions: registry.hasActions() });
  });

  const invoke = (wrapped: boolean) => async (req: Request, res: express.Response) => {
    const credentials = await httpAuth.credentials(req);
    // Reachable only when the plugin opened these paths to unauthenticated requests with an auth policy.
    if (auth.isPrincipal(credentials, 'none')) {
      throw new NotAllowedError('Actions must be invoked by an authenticated principal, not an anonymous request');
    }
    const body = req.body as { input?: unknown; secrets?: unknown } | undefined;
    const output = await registry.invoke({
      actionId: req.params.actionId,
      input: wrapped ? body?.input : body,
      secrets: wrapped ? body?.secrets : undefined,
      credentials,
    });
    res.json({ output });
  };
  router.post(`${ACTIONS_BASE}/v1/actions/:actionId/invoke`, invoke(false));
  router.post(`${ACTIONS_BASE}/v2/actions/:actionId/invoke`, invoke(true));
  return router;
}
