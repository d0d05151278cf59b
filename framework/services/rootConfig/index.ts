/** `core.rootConfig`: the layered config reader, its loader and the secret registry the logger reads. */
export { ConfigReader } from './ConfigReader';
export type { ConfigSource } from './ConfigReader';
export { ConfigError, isConfigError } from './ConfigError';
export type { ConfigErrorCode } from './ConfigError';
