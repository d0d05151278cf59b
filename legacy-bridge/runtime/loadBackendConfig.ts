import type { Config } from '../../framework/api';
import { loadConfig } from '../../framework/services/rootConfig';
import { configureRootLogger } from './rootLogger';

export interface LoadBackendConfigOptions {
  /** Searched for `--config <path>` arguments (usually `process.argv`). */
  argv?: string[];
  /** Accepted for compatibility; messages go to the root logger. */
  logger?: { info(message: string): void };
  /** Where `app-config.yaml` is looked for; defaults to the working directory. */
  cwd?: string;
}

/**
 * Loads `app-config.yaml` (+ `.local`) or the `--config` files, with the same loader, substitutions and
 * secret handling as the framework's rootConfig service.
 */
export async function loadBackendConfig(options: LoadBackendConfigOptions = {}): Promise<Config> {
  const { config, files } = await loadConfig({ argv: options.argv ?? process.argv, cwd: options.cwd });
  configureRootLogger(config);
  options.logger?.info(files.length > 0 ? `Loaded config from ${files.join(', ')}` : 'No config files found, using built-in defaults');
  return config;
}
