/**
 * The same published features started on Forklift's container and on Backstage's `createBackend()`, each with the
 * given config, on a real port.
 */
import { createServiceFactory, coreServices, defaultServiceFactories, createSpecializedBackend, type JsonObject } from '../../framework';
import { ConfigReader } from '../../framework/services/rootConfig';
import { requireFromPrefix } from './publishedNewSystem';

export interface RunningBackend {
  system: 'forklift' | 'backstage';
  baseUrl: string;
  stop(): Promise<void>;
}

export interface PolicyCall {
  permission: string;
  user: string | undefined;
}

/**
 * The published plugins and modules, plus one policy module written against Backstage's own API: it records what
 * it is asked and denies deleting catalog entities to users (service callers are allowed everything).
 */
export function publishedFeatures(policyCalls: PolicyCall[]): unknown[] {
  const { createBackendModule } = requireFromPrefix('@backstage/backend-plugin-api');
  const { policyExtensionPoint } = requireFromPrefix('@backstage/plugin-permission-node/alpha');
  const denyUserDeletes = createBackendModule({
    pluginId: 'permission',
    moduleId: 'interop-policy',
    register(env: { registerInit(options: unknown): void }) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }: { policy: { setPolicy(policy: unknown): void } }) {
          policy.setPolicy({
            async handle(request: { permission: { name: string } }, user?: { info?: { userEntityRef?: string } }) {
              const userRef = user?.info?.userEntityRef;
              policyCalls.push({ permission: request.permission.name, user: userRef });
              return { result: userRef && request.permission.name === 'catalog.entity.delete' ? 'DENY' : 'ALLOW' };
            },
          });
        },
      });
    },
  });
  return [
    requireFromPrefix('@backstage/plugin-proxy-backend'),
    requireFromPrefix('@backstage/plugin-app-backend'),
    requireFromPrefix('@backstage/plugin-permission-backend'),
    denyUserDeletes,
    requireFromPrefix('@backstage/plugin-catalog-backend'),
    requireFromPrefix('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
    requireFromPrefix('@backstage/plugin-search-backend'),
    requireFromPrefix('@backstage/plugin-search-backend-module-catalog'),
  ];
}

export async function startOnForklift(config: JsonObject, features: unknown[]): Promise<RunningBackend> {
  const backend = createSpecializedBackend({ defaultServiceFactories });
  backend.add(createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => new ConfigReader(config) }));
  for (const feature of features) backend.add(feature);
  await backend.start();
  return { system: 'forklift', baseUrl: baseUrlOf(config), stop: () => backend.stop() };
}

export async function startOnBackstage(config: JsonObject, features: unknown[]): Promise<RunningBackend> {
  const { createBackend } = requireFromPrefix('@backstage/backend-defaults');
  const api = requireFromPrefix('@backstage/backend-plugin-api');
  const { ConfigReader: BackstageConfigReader } = requireFromPrefix('@backstage/config');
  const backend = createBackend();
  backend.add(
    api.createServiceFactory({ service: api.coreServices.rootConfig, deps: {}, factory: () => new BackstageConfigReader(config) }),
  );
  for (const feature of features) backend.add(feature);
  await backend.start();
  return { system: 'backstage', baseUrl: baseUrlOf(config), stop: () => backend.stop() };
}

function baseUrlOf(config: JsonObject): string {
  return (config as { backend: { baseUrl: string } }).backend.baseUrl;
}
