/**
 * Legacy environment fields that have no core service of their own. Each is a service ref with a default
 * factory, so `legacyPlugin` can list them in its env mapping like any other service and a backend can still
 * override them with `backend.add(createServiceFactory(...))`.
 */
import { AuthenticationError, coreServices, createServiceFactory, createServiceRef } from '../../framework/api';
import type { BackstageCredentials } from '../../framework/api';
import type { IdentityApi, PermissionEvaluator, TokenManager } from '../types';
import { legacyTokenFor } from './legacyTokens';

export const legacyTokenManagerServiceRef = createServiceRef<TokenManager>({
  id: 'forklift.legacy.tokenManager',
  defaultFactory: (service) =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth },
      factory: ({ auth }) => ({
        async getToken() {
          return { token: await legacyTokenFor(auth) };
        },
        async authenticate(token: string) {
          const credentials = await auth.authenticate(token);
          if (!auth.isPrincipal(credentials, 'service') && !auth.isPrincipal(credentials, 'user')) {
            throw new AuthenticationError('The token does not carry service or user credentials');
          }
        },
      }),
    }),
});

export const legacyIdentityServiceRef = createServiceRef<IdentityApi>({
  id: 'forklift.legacy.identity',
  defaultFactory: (service) =>
    createServiceFactory({
      service,
      deps: { httpAuth: coreServices.httpAuth, userInfo: coreServices.userInfo },
      factory: ({ httpAuth, userInfo }) => ({
        async getIdentity({ request }) {
          const header = request.headers.authorization;
          const token = typeof header === 'string' ? header.match(/^Bearer\s+(\S+)$/i)?.[1] : undefined;
          if (!token) {
            return undefined;
          }
          let credentials: BackstageCredentials;
          try {
            credentials = await httpAuth.credentials(request, { allow: ['user'] });
          } catch {
            // Legacy identity answered "anonymous" for anything that was not a user token.
            return undefined;
          }
          const info = await userInfo.getUserInfo(credentials);
          return {
            token,
            identity: { type: 'user', userEntityRef: info.userEntityRef, ownershipEntityRefs: info.ownershipEntityRefs },
          };
        },
      }),
    }),
});

export const legacyPermissionsServiceRef = createServiceRef<PermissionEvaluator>({
  id: 'forklift.legacy.permissions',
  defaultFactory: (service) =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, permissions: coreServices.permissions },
      factory: ({ auth, permissions }) => {
        // Legacy callers pass the end user's token, or none for the plugin's own server-side calls.
        const credentialsFor = async (token?: string) => (token ? auth.authenticate(token) : auth.getOwnServiceCredentials());
        return {
          async authorize(requests, options) {
            return permissions.authorize(requests, { credentials: await credentialsFor(options?.token) });
          },
          async authorizeConditional(requests, options) {
            return permissions.authorizeConditional(requests, { credentials: await credentialsFor(options?.token) });
          },
        };
      },
    }),
});
