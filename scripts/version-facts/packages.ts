import { backstageLegacyTypesOf } from '../../codemods/transforms/backstageTypes/table';
import { LEGACY_ENV_FIELDS } from '../../codemods/transforms/shared/legacyEnv';

/**
 * The published packages whose exports the codemods rely on, and the export names each is asked about.
 * `default` is a package's new-system plugin or module (what `backend.add(import('<pkg>'))` loads); the other
 * names are extension points and creators the generated code imports, and the legacy env types that
 * `--target backstage` puts in place of forklift's (codemods/transforms/backstageTypes/table.ts).
 */
export interface WatchedPackage {
  name: string;
  exports: string[];
  /**
   * Members of exports the generated code uses, recorded as `<export>.<member>` (found where the export is):
   * an interface's or namespace's members (`coreServices.tokenManager`, `HttpRouterService.addAuthPolicy`), and
   * for a function the property names its signature declares (`makeLegacyPlugin.tokenManager`: the env field
   * every plugin it makes receives on top of the mapping it is given).
   */
  members?: Record<string, string[]>;
  /**
   * Record, per version, the range this package asks for `@backstage/backend-plugin-api`: every package of a
   * Backstage release depends on the same one, so it tells which version of this package belongs to a release
   * (for packages the generated code may add to a repository that does not depend on them yet).
   */
  releaseAnchor?: boolean;
}

const plugin = (id: string): WatchedPackage => ({ name: `@backstage/plugin-${id}-backend`, exports: ['default'] });

export const WATCHED_PACKAGES: WatchedPackage[] = [
  plugin('app'),
  plugin('auth'),
  plugin('badges'),
  plugin('catalog'),
  plugin('devtools'),
  plugin('events'),
  plugin('kubernetes'),
  plugin('permission'),
  plugin('proxy'),
  plugin('scaffolder'),
  plugin('search'),
  plugin('signals'),
  plugin('notifications'),
  plugin('tech-insights'),
  plugin('techdocs'),
  plugin('todo'),
  {
    name: '@backstage/plugin-catalog-node',
    exports: [
      'catalogProcessingExtensionPoint',
      'catalogAnalysisExtensionPoint',
      'catalogModelExtensionPoint',
      'catalogPermissionExtensionPoint',
    ],
    releaseAnchor: true,
  },
  { name: '@backstage/plugin-scaffolder-node', exports: ['scaffolderActionsExtensionPoint'], releaseAnchor: true },
  { name: '@backstage/plugin-search-backend-node', exports: ['searchIndexRegistryExtensionPoint'], releaseAnchor: true },
  { name: '@backstage/plugin-permission-node', exports: ['policyExtensionPoint'], releaseAnchor: true },
  { name: '@backstage/plugin-auth-node', exports: ['authProvidersExtensionPoint'], releaseAnchor: true },
  { name: '@backstage/plugin-events-node', exports: ['eventsExtensionPoint', 'eventsServiceRef'], releaseAnchor: true },
  { name: '@backstage/backend-defaults', exports: ['createBackend'], releaseAnchor: true },
  {
    name: '@backstage/backend-plugin-api',
    exports: ['createBackendPlugin', 'createBackendModule', 'coreServices', ...backstageLegacyTypesOf('@backstage/backend-plugin-api')],
    members: {
      // The services a backstage-family env mapping reads, and the one the open-access helper depends on.
      coreServices: [...LEGACY_ENV_FIELDS.map((f) => f.backstageService), 'httpRouter'],
      HttpRouterService: ['addAuthPolicy'],
    },
  },
  {
    name: '@backstage/backend-common',
    exports: [
      'legacyPlugin',
      'makeLegacyPlugin',
      'loggerToWinstonLogger',
      'cacheToPluginCacheManager',
      ...backstageLegacyTypesOf('@backstage/backend-common'),
    ],
    members: { makeLegacyPlugin: LEGACY_ENV_FIELDS.map((f) => f.field) },
    releaseAnchor: true,
  },
];

/** The name every published sign-in provider module of the auth backend has. */
export const AUTH_PROVIDER_MODULE = /^@backstage\/plugin-auth-backend-module-[a-z0-9-]+-provider$/;

/**
 * Where the list of published sign-in provider modules comes from: every such module some release of this
 * package depended on (it installed them as its defaults), plus the candidates below, which it never depended on.
 * Each is recorded only when the registry has it.
 */
export const AUTH_BACKEND = '@backstage/plugin-auth-backend';
export const AUTH_PROVIDER_MODULE_CANDIDATES = ['guest', 'openshift', 'pinniped', 'vmware-cloud'].map(
  (slug) => `@backstage/plugin-auth-backend-module-${slug}-provider`,
);
