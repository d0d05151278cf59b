/**
 * Plugins calling each other with plugin tokens, for the key-pair tests here and in test/interop (where they run on
 * Backstage's own backend too): `whoamiPlugin` answers its caller's principal, `callerPlugin` calls another plugin's
 * `/whoami` as itself.
 */
import { Router } from 'express';
import { coreServices, createBackendPlugin, createServiceFactory, type DiscoveryService } from '../../../../framework';

/** `GET /whoami` answers the caller's principal (401 without credentials, as every plugin route). */
export function whoamiPlugin(pluginId: string) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { router: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
        async init({ router, httpAuth }) {
          const routes = Router();
          routes.get('/whoami', async (req, res, next) => {
            try {
              res.json((await httpAuth.credentials(req)).principal);
            } catch (error) {
              next(error);
            }
          });
          router.use(routes);
        },
      });
    },
  });
}

/**
 * `GET /call/:target` (open) gets a plugin token for `target` on its own behalf, calls the target's `/whoami`
 * through discovery and answers `{ status, token, body }` of that call.
 */
export function callerPlugin(pluginId: string) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { router: coreServices.httpRouter, auth: coreServices.auth, discovery: coreServices.discovery },
        async init({ router, auth, discovery }) {
          router.addAuthPolicy({ path: '/call', allow: 'unauthenticated' });
          const routes = Router();
          routes.get('/call/:target', async (req, res, next) => {
            try {
              const target = req.params.target;
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: target,
              });
              const answer = await fetch(`${await discovery.getBaseUrl(target)}/whoami`, { headers: { authorization: `Bearer ${token}` } });
              res.json({ status: answer.status, token, body: await answer.json() });
            } catch (error) {
              next(error);
            }
          });
          router.use(routes);
        },
      });
    },
  });
}

/** Discovery from a map the test fills once its backends listen (their ports are only known then). */
export function mapDiscoveryFactory(baseUrls: Map<string, string>) {
  return createServiceFactory({
    service: coreServices.discovery,
    deps: {},
    factory: (): DiscoveryService => {
      const getBaseUrl = async (pluginId: string) => {
        const url = baseUrls.get(pluginId);
        if (!url) throw new Error(`test discovery: no plugin '${pluginId}'`);
        return url;
      };
      return { getBaseUrl, getExternalBaseUrl: getBaseUrl };
    },
  });
}
