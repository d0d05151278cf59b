/** `core.rootConfig`: the layered config reader, its loader and the secret values the logger redacts. */
export { ConfigReader } from './ConfigReader';
export type { ConfigSource } from './ConfigReader';
export { ConfigError, isConfigError } from './ConfigError';
export type { ConfigErrorCode } from './ConfigError';
export { loadConfig } from './loadConfig';
export type { LoadConfigOptions, LoadedConfig } from './loadConfig';
export { getConfigSecrets, registerConfigSecrets } from './configSecrets';
export { isSecretKey } from './secretKeys';
export { rootConfigServiceFactory, createRootConfigServiceFactory } from './rootConfigServiceFactory';
