import type { Config } from '../../../api';

/**
 * `backend.auth.pluginTokenSigning`: how this backend signs the plugin tokens it issues.
 * `shared-secret` (the default): HS256 with `backend.auth.keys`, verified only by backends holding the same keys.
 * `key-pair`: ES256 with a key pair per plugin, published at the plugin's JWKS route, as Backstage does.
 */
export type PluginTokenSigning = 'shared-secret' | 'key-pair';

export function readPluginTokenSigning(config: Config): PluginTokenSigning {
  const value = config.getOptionalString('backend.auth.pluginTokenSigning') ?? 'shared-secret';
  if (value !== 'shared-secret' && value !== 'key-pair') {
    throw new TypeError(`Invalid config for 'backend.auth.pluginTokenSigning': expected 'shared-secret' or 'key-pair', got '${value}'`);
  }
  return value;
}
