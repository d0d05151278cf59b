/** The legacy identity and permission clients of a standalone legacy backend. */
import type { Request } from 'express';
import { AuthorizeResult } from '../../framework/api';
import type { Config } from '../../framework/api';
import type { BackstageIdentityResponse, IdentityApi, PermissionEvaluator, PluginEndpointDiscovery, TokenManager } from '../types';
import { getUserTokenInfo } from '../../framework/services/auth';
import { legacyAuthService } from './ServerTokenManager';

export class DefaultIdentityClient implements IdentityApi {
  /** `issuer` is accepted for compatibility; tokens are verified with the backend's keys (`config` when given). */
  static create(options: { discovery: PluginEndpointDiscovery; issuer?: string; config?: Config }): DefaultIdentityClient {
    return new DefaultIdentityClient(options.config);
  }

  readonly #config?: Config;

  private constructor(config?: Config) {
    this.#config = config;
  }

  async getIdentity({ request }: { request: Request }): Promise<BackstageIdentityResponse | undefined> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? header.match(/^Bearer\s+(\S+)$/i)?.[1] : undefined;
    if (!token) {
      return undefined;
    }
    const auth = legacyAuthService(this.#config);
    const credentials = await auth.authenticate(token);
    if (!auth.isPrincipal(credentials, 'user')) {
      return undefined;
    }
    const ownership = getUserTokenInfo(credentials)?.ownershipEntityRefs;
    return {
      token,
      identity: {
        type: 'user',
        userEntityRef: credentials.principal.userEntityRef,
        ownershipEntityRefs: ownership ?? [credentials.principal.userEntityRef],
      },
    };
  }
}

/**
 * The legacy permission client. Old backends ran with `permission.enabled` off, where every request is
 * allowed; with it on, the policy lives in the new backend's permission plugin, reached through legacyPlugin.
 */
export class ServerPermissionClient implements PermissionEvaluator {
  static fromConfig(config: Config, _options: { discovery: PluginEndpointDiscovery; tokenManager: TokenManager }): ServerPermissionClient {
    if (config.getOptionalBoolean('permission.enabled')) {
      throw new Error(
        "permission.enabled is true, but a standalone legacy backend has no permission policy to ask. Run the plugins with legacyPlugin inside createBackend() and install a policy module on the 'permission' plugin.",
      );
    }
    return new ServerPermissionClient();
  }

  async authorize(requests: Parameters<PermissionEvaluator['authorize']>[0]) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW as const }));
  }

  async authorizeConditional(requests: Parameters<PermissionEvaluator['authorizeConditional']>[0]) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW as const }));
  }
}
