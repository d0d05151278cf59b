import { createRouter } from '@internal/plugin-app-settings-backend';
import { Router } from 'express';
import { PluginEnvironment } from '../types';

export default async function createPlugin({
  logger,
  config,
  cache,
}: PluginEnvironment): Promise<Router> {
  return await createRouter({ logger, config, cache });
}
