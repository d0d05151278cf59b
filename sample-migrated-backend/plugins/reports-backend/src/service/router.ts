import { PluginEndpointDiscovery, TokenManager } from 'forklift/legacy-bridge';
import express from 'express';
import Router from 'express-promise-router';
import { Logger } from 'winston';

export interface RouterOptions {
  logger: Logger;
  discovery: PluginEndpointDiscovery;
  tokenManager: TokenManager;
}

type TodoList = { items: Array<{ done: boolean }> };

/**
 * Reports across plugins: asks the todo plugin for its items through discovery, with a server token.
 * @deprecated Install the plugin in the new backend system instead: `backend.add(import('@internal/plugin-reports-backend'))`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, discovery, tokenManager } = options;

  const router = Router();

  router.get('/summary', async (_req, res) => {
    const baseUrl = await discovery.getBaseUrl('todo');
    const { token } = await tokenManager.getToken();
    const response = await fetch(`${baseUrl}/todos`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      logger.warn(`Todo plugin answered ${response.status}`);
      res.status(502).json({ error: { name: 'BadGatewayError', message: `todo answered ${response.status}` } });
      return;
    }
    const { items } = (await response.json()) as TodoList;
    const done = items.filter(item => item.done).length;
    res.json({ total: items.length, done, open: items.length - done });
  });

  return router;
}
