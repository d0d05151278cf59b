import { createRouter } from '@internal/plugin-reports-backend';
import { Router } from 'express';
import { PluginEnvironment } from '../types';

export default async function createPlugin(
  env: PluginEnvironment,
): Promise<Router> {
  return await createRouter({
    logger: env.logger,
    discovery: env.discovery,
    tokenManager: env.tokenManager,
  });
}
