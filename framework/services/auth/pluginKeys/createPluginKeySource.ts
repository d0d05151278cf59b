import type { Config, DatabaseService, LoggerService } from '../../../api';
import { DatabasePluginKeySource } from './DatabasePluginKeySource';
import type { PluginKeySource } from './PluginKeySource';
import { StaticPluginKeySource } from './StaticPluginKeySource';

/** How long one generated key pair signs (Backstage's figure); its public half is listed three times as long. */
export const PLUGIN_KEY_DURATION_MS = 60 * 60 * 1000;

/** `backend.auth.pluginKeyStore.type`: `database` (the default, as in Backstage) or `static`. */
export function createPluginKeySource(options: { config: Config; database: DatabaseService; logger: LoggerService }): PluginKeySource {
  const storeConfig = options.config.getOptionalConfig('backend.auth.pluginKeyStore');
  const type = storeConfig?.getOptionalString('type') ?? 'database';
  if (type === 'database') {
    return new DatabasePluginKeySource({ database: options.database, logger: options.logger, keyDurationMs: PLUGIN_KEY_DURATION_MS });
  }
  if (type === 'static') return StaticPluginKeySource.fromConfig(storeConfig!);
  throw new TypeError(`Invalid config for 'backend.auth.pluginKeyStore.type': expected 'database' or 'static', got '${type}'`);
}
