export { createPluginKeySource, PLUGIN_KEY_DURATION_MS } from './createPluginKeySource';
export { DatabasePluginKeySource, PUBLIC_KEYS_TABLE } from './DatabasePluginKeySource';
export { StaticPluginKeySource } from './StaticPluginKeySource';
export { IssuerKeys, JWKS_PATH } from './IssuerKeys';
export { PLUGIN_KEY_ALGORITHM, type PluginKeySource, type PluginSigningKey } from './PluginKeySource';
export { readPluginTokenSigning, type PluginTokenSigning } from './readPluginTokenSigning';
