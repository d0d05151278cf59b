import type { Handler } from 'express';
import { coreServices, createBackendPlugin } from '../../framework/api';
import type { BackendRegistrationFeature, Config, HttpRouterService, ServiceRef } from '../../framework/api';
import { unwrapDefaultExport } from '../../framework/wiring';
import { LegacyPluginError, describeModuleOrigin } from './LegacyPluginError';
import { legacyOpenPluginsReportRef, readLegacyAuthMode, type LegacyOpenPluginsReport } from './legacyAuthPolicy';

/** What an old plugin file exports: `createPlugin(env)` returning a router, or `{ router }`. */
export type LegacyCreateRouter<TEnv> = (env: TEnv) => Promise<unknown> | unknown;

export type LegacyPluginImport<TEnv> = Promise<{ default: LegacyCreateRouter<TEnv> } | { default: { default: LegacyCreateRouter<TEnv> } }>;

type EnvMapping = { [field: string]: ServiceRef<unknown> };
type EnvTransforms<TMapping extends EnvMapping> = {
  [K in keyof TMapping]?: (service: TMapping[K] extends ServiceRef<infer S> ? S : never) => unknown;
};

// Internal deps get names no legacy env field can have.
const HTTP_ROUTER = '__forklift_httpRouter';
const ROOT_CONFIG = '__forklift_rootConfig';
const OPEN_REPORT = '__forklift_openLegacyPlugins';

function pickCreateRouter(pluginId: string, loaded: unknown): LegacyCreateRouter<unknown> {
  const createRouter = unwrapDefaultExport(
    loaded,
    (candidate): candidate is LegacyCreateRouter<unknown> => typeof candidate === 'function',
  );
  if (!createRouter) {
    throw new LegacyPluginError(
      pluginId,
      describeModuleOrigin(loaded),
      'its module has no default export function; export `default async function createPlugin(env)` returning a router',
    );
  }
  return createRouter;
}

function pickRouter(pluginId: string, origin: string, result: unknown): Handler {
  const router = (result as { router?: unknown })?.router ?? result;
  if (typeof router !== 'function') {
    throw new LegacyPluginError(pluginId, origin, 'createPlugin(env) returned no router; return an express router or { router }');
  }
  return router as Handler;
}

/**
 * Makes a `legacyPlugin`-style adapter for a custom legacy environment: each env field is a service ref,
 * optionally transformed into the legacy shape. The adapter returns a backend plugin with the given id that
 * builds the environment, calls the old `createPlugin(env)` and mounts its router at `/api/<id>`.
 */
export function makeLegacyPlugin<TMapping extends EnvMapping>(envMapping: TMapping, envTransforms: EnvTransforms<TMapping> = {}) {
  return (
    pluginId: string,
    createPluginImport: LegacyPluginImport<never>,
  ): BackendRegistrationFeature & (() => BackendRegistrationFeature) =>
    createBackendPlugin({
      pluginId,
      register(env) {
        env.registerInit({
          deps: {
            ...envMapping,
            [HTTP_ROUTER]: coreServices.httpRouter,
            [ROOT_CONFIG]: coreServices.rootConfig,
            [OPEN_REPORT]: legacyOpenPluginsReportRef,
          },
          async init(deps: Record<string, unknown>) {
            const loaded = await createPluginImport;
            const createPlugin = pickCreateRouter(pluginId, loaded);
            const legacyEnv: Record<string, unknown> = {};
            for (const field of Object.keys(envMapping)) {
              const transform = (envTransforms as Record<string, ((s: unknown) => unknown) | undefined>)[field];
              legacyEnv[field] = transform ? transform(deps[field]) : deps[field];
            }
            let result: unknown;
            try {
              result = await createPlugin(legacyEnv);
            } catch (error) {
              throw new LegacyPluginError(pluginId, describeModuleOrigin(loaded, createPlugin, error), 'createPlugin(env) threw', error);
            }
            const httpRouter = deps[HTTP_ROUTER] as HttpRouterService;
            httpRouter.use(pickRouter(pluginId, describeModuleOrigin(loaded, createPlugin), result));
            if (readLegacyAuthMode(deps[ROOT_CONFIG] as Config) === 'open') {
              httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
              (deps[OPEN_REPORT] as LegacyOpenPluginsReport).add(pluginId);
            }
          },
        });
      },
    });
}
