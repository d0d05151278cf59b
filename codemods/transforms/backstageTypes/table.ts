/**
 * The legacy plugin environment's types as forklift's bridge names them, and the Backstage type that
 * `@backstage/backend-common`'s `legacyPlugin` hands a plugin for the same field. One table: the transform reads
 * it, and scripts/version-facts records from it which versions of each package export each type.
 */

export interface BackstageLegacyType {
  /** The type `forklift/legacy-bridge` exports. */
  forklift: string;
  /** The Backstage package that exports its counterpart. */
  pkg: string;
  /** The counterpart's name there (imported under the forklift name, so the code using it stays as it is). */
  name: string;
}

const COMMON = '@backstage/backend-common';
const PLUGIN_API = '@backstage/backend-plugin-api';

export const BACKSTAGE_LEGACY_TYPES: readonly BackstageLegacyType[] = [
  { forklift: 'Config', pkg: '@backstage/config', name: 'Config' },
  { forklift: 'PluginDatabaseManager', pkg: COMMON, name: 'PluginDatabaseManager' },
  { forklift: 'PluginCacheManager', pkg: COMMON, name: 'PluginCacheManager' },
  { forklift: 'PluginEndpointDiscovery', pkg: COMMON, name: 'PluginEndpointDiscovery' },
  { forklift: 'TokenManager', pkg: COMMON, name: 'TokenManager' },
  { forklift: 'IdentityApi', pkg: COMMON, name: 'LegacyIdentityService' },
  { forklift: 'UrlReader', pkg: PLUGIN_API, name: 'UrlReaderService' },
  { forklift: 'PermissionEvaluator', pkg: PLUGIN_API, name: 'PermissionsService' },
  { forklift: 'PluginTaskScheduler', pkg: PLUGIN_API, name: 'SchedulerService' },
];

/** The counterparts a package exports, for scripts/version-facts. */
export function backstageLegacyTypesOf(pkg: string): string[] {
  return BACKSTAGE_LEGACY_TYPES.filter((t) => t.pkg === pkg).map((t) => t.name);
}
