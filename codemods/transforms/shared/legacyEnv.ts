/**
 * What `legacyPlugin` hands a legacy plugin as its environment, per import family. The codemods never keep a
 * copy of a mapping that runs: forklift-family output spreads the bridge's own exported `legacyEnvMapping`;
 * backstage-family output lists, field by field, what `@backstage/backend-common`'s `legacyPlugin` provides.
 * This file only says which fields those are, so a transform can tell what a plugin would be missing.
 */
import type { ImportFamily } from './importFamily';
import { legacyFieldMapping, legacyServiceRefFor } from './legacyServices';

export interface LegacyEnvField {
  field: string;
  /** The `coreServices` key the field is read from on Backstage's backend. */
  backstageService: string;
  /** The bridge helper that turns the service into the old type, when one is needed. */
  transform?: 'loggerToWinstonLogger' | 'cacheToPluginCacheManager';
}

/** The fields `legacyPlugin` provides, in the order Backstage's own `legacyPlugin` lists them. */
export const LEGACY_ENV_FIELDS: readonly LegacyEnvField[] = [
  { field: 'cache', backstageService: 'cache', transform: 'cacheToPluginCacheManager' },
  { field: 'config', backstageService: 'rootConfig' },
  { field: 'database', backstageService: 'database' },
  { field: 'discovery', backstageService: 'discovery' },
  { field: 'logger', backstageService: 'logger', transform: 'loggerToWinstonLogger' },
  { field: 'permissions', backstageService: 'permissions' },
  { field: 'scheduler', backstageService: 'scheduler' },
  { field: 'tokenManager', backstageService: 'tokenManager' },
  { field: 'reader', backstageService: 'urlReader' },
  { field: 'identity', backstageService: 'identity' },
];

export const LEGACY_ENV_FIELD_NAMES: ReadonlySet<string> = new Set(LEGACY_ENV_FIELDS.map((f) => f.field));

/** The names the forklift bridge exports for its default mapping (`makeLegacyPlugin({ ...legacyEnvMapping, x }, legacyEnvTransforms)`). */
export const FORKLIFT_ENV_EXPORTS = { mapping: 'legacyEnvMapping', transforms: 'legacyEnvTransforms' } as const;

/**
 * The standard fields a custom `makeLegacyPlugin` mapping lists for a family. Forklift output spreads the
 * bridge's mapping, so it lists none itself; Backstage output lists what the repository's `PluginEnvironment`
 * declares (every field `legacyPlugin` provides when that type cannot be read).
 */
export function standardFieldsToList(family: ImportFamily, declared: readonly string[] | undefined): LegacyEnvField[] {
  if (family === 'forklift') return [];
  if (!declared) return [...LEGACY_ENV_FIELDS];
  return LEGACY_ENV_FIELDS.filter((f) => declared.includes(f.field));
}

/** How a new plugin gets what `env.<field>` held under `legacyPlugin`: a service ref, adapted to the old type when needed. */
export interface LegacyEnvValue {
  /** The deps entry (`coreServices.rootConfig`, or a legacy-bridge ref such as `legacyTokenManagerServiceRef`). */
  ref: string;
  /** A name the ref needs imported from the family's legacy module (the legacy ref itself). */
  legacyImport?: string;
  /** The bridge helper that turns the service into the type the legacy env had (`loggerToWinstonLogger`). */
  transform?: LegacyEnvField['transform'];
}

/**
 * The value `env.<field>` had under the family's `legacyPlugin`, as a plugin's deps can get it; undefined when the new
 * system has nothing of that shape. The service comes from the one field table (legacyFieldMapping), the adapter from
 * what legacyPlugin adapts (LEGACY_ENV_FIELDS); the forklift bridge gives its legacy-only clients through its own refs.
 */
export function legacyEnvValue(family: ImportFamily, field: string): LegacyEnvValue | undefined {
  const provided = LEGACY_ENV_FIELDS.find((f) => f.field === field);
  if (!provided) return undefined;
  if (family === 'forklift') {
    const legacyRef = legacyServiceRefFor(field, field === 'permissions' ? 'PermissionEvaluator' : undefined);
    if (legacyRef) return { ref: legacyRef, legacyImport: legacyRef };
  }
  const mapping = legacyFieldMapping(field);
  if (mapping?.kind !== 'service') return undefined;
  return { ref: `coreServices.${mapping.service}`, ...(provided.transform ? { transform: provided.transform } : {}) };
}
