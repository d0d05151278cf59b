export { authServiceFactory } from './authServiceFactory';
export { DefaultAuthService, PLUGIN_TOKEN_TTL_MS, type DefaultAuthServiceOptions } from './DefaultAuthService';
export { readAuthKeys, type AuthKeys } from './readAuthKeys';
export { readExternalAccess, StaticExternalTokens } from './readExternalAccess';
export { issueUserToken, type IssueUserTokenOptions } from './issueUserToken';
export { TOKEN_TYPES, LEGACY_SERVER_TOKEN_AUDIENCE } from './tokens';
export {
  createPluginKeySource,
  DatabasePluginKeySource,
  IssuerKeys,
  JWKS_PATH,
  PLUGIN_KEY_ALGORITHM,
  PUBLIC_KEYS_TABLE,
  readPluginTokenSigning,
  StaticPluginKeySource,
  type PluginKeySource,
  type PluginSigningKey,
  type PluginTokenSigning,
} from './pluginKeys';
export {
  createNoneCredentials,
  createServiceCredentials,
  createUserCredentials,
  getUserTokenInfo,
  isPrincipal,
  principalType,
  type UserTokenInfo,
} from './credentials';
