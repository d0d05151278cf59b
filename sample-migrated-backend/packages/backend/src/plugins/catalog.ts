import { CatalogBuilder } from '@internal/plugin-catalog-backend';
import { Router } from 'express';
import { PluginEnvironment } from '../types';
import { OwnerDefaultsProcessor } from '../processors/OwnerDefaultsProcessor';

export default async function createPlugin(
  env: PluginEnvironment,
): Promise<Router> {
  const builder = await CatalogBuilder.create(env);
  // TODO(forklift): moved to `catalogModuleOwnerDefaultsProcessor` in ../modules/catalogModuleOwnerDefaultsProcessor.ts; once the backend runs the new catalog plugin, add that module to it and delete this call.
  builder.addProcessor(new OwnerDefaultsProcessor());
  const { router } = await builder.build();
  return router;
}
