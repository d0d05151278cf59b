import { coreServices, createServiceFactory } from '../../api';
import { loadConfig, type LoadConfigOptions } from './loadConfig';

/** A `core.rootConfig` factory with loader options (other argv, working directory or environment). */
export function createRootConfigServiceFactory(options: LoadConfigOptions = {}) {
  return createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    async factory() {
      const { config } = await loadConfig(options);
      return config;
    },
  });
}

/** The default `core.rootConfig`: files from the working directory or `--config`, env overrides. */
export const rootConfigServiceFactory = createRootConfigServiceFactory();
