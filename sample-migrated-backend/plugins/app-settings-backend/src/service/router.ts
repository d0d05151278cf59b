import { Config, NotFoundError, InputError, PluginCacheManager } from 'forklift/legacy-bridge';
import express from 'express';
import Router from 'express-promise-router';
import { Logger } from 'winston';

export interface RouterOptions {
  logger: Logger;
  config: Config;
  cache: PluginCacheManager;
}

/**
 * Serves the app's settings from config, and a small key-value scratchpad kept in the cache.
 * @deprecated Install the plugin in the new backend system instead: `backend.add(import('@internal/plugin-app-settings-backend'))`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, config, cache } = options;
  const client = cache.getClient({ defaultTtl: 60_000 });

  const router = Router();
  router.use(express.json());

  router.get('/greeting', async (_req, res) => {
    const cached = await client.get('greeting');
    if (cached) {
      res.json({ greeting: cached, cached: true });
      return;
    }
    const greeting = config.getOptionalString('settings.greeting') ?? 'Hello';
    await client.set('greeting', greeting);
    res.json({ greeting, cached: false });
  });

  router.get('/flags', async (_req, res) => {
    const flags = config.getOptionalConfig('settings.flags');
    const result: Record<string, boolean> = {};
    for (const key of flags?.keys() ?? []) {
      result[key] = flags!.getBoolean(key);
    }
    res.json({ flags: result });
  });

  router.get('/flags/:name', async (req, res) => {
    const value = config.getOptionalBoolean(`settings.flags.${req.params.name}`);
    if (value === undefined) {
      throw new NotFoundError(`Unknown flag '${req.params.name}'`);
    }
    res.json({ name: req.params.name, enabled: value });
  });

  router.put('/scratch/:key', async (req, res) => {
    const value = req.body?.value;
    if (typeof value !== 'string') {
      throw new InputError('Scratch values must be strings, send { "value": "..." }');
    }
    await client.set(`scratch:${req.params.key}`, value);
    logger.debug(`Stored scratch value ${req.params.key}`);
    res.json({ key: req.params.key, value });
  });

  router.get('/scratch/:key', async (req, res) => {
    const value = await client.get(`scratch:${req.params.key}`);
    if (value === undefined) {
      throw new NotFoundError(`No scratch value '${req.params.key}'`);
    }
    res.json({ key: req.params.key, value });
  });

  return router;
}
