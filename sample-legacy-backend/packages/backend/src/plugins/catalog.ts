import { CatalogBuilder } from '@internal/plugin-catalog-backend';
import { Router } from 'express';
import { PluginEnvironment } from '../types';
import { OwnerDefaultsProcessor } from '../processors/OwnerDefaultsProcessor';

export default async function createPlugin(
  env: PluginEnvironment,
): Promise<Router> {
  const builder = await CatalogBuilder.create(env);
  builder.addProcessor(new OwnerDefaultsProcessor());
  const { router } = await builder.build();
  return router;
}
