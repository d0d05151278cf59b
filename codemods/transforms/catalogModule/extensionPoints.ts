/**
 * Where each legacy builder call goes in the new backend system: the owning plugin's extension point, the
 * package that exports it per import family, and the method to call. Names checked against Backstage's
 * published API reference (plugin-catalog-node, plugin-scaffolder-node, plugin-search-backend-node,
 * plugin-auth-node, plugin-permission-node).
 */
import { importSpecifierFor } from '../../analysis';
import type { ImportFamily } from '../shared/importFamily';
import type { RepoFacts } from '../types';

/** The catalog's extension points (Backstage: `@backstage/plugin-catalog-node`, root or `/alpha` by version). */
type CatalogExtensionPoint =
  | 'catalogProcessingExtensionPoint'
  | 'catalogModelExtensionPoint'
  | 'catalogAnalysisExtensionPoint'
  | 'catalogPermissionExtensionPoint'
  | 'catalogLocationsExtensionPoint';

interface ExtensionPointHome {
  kind: 'extension-point';
  extensionPoint: CatalogExtensionPoint;
  method: string;
  /** The call moves into a generated module as it is (same method and arguments on the extension point). */
  movable: boolean;
  /** What a person must know about the arguments. */
  note?: string;
}

/** Where one legacy `CatalogBuilder` method's job goes in the new backend system. */
export type CatalogMethodHome = ExtensionPointHome | { kind: 'config'; note: string };

const at = (extensionPoint: CatalogExtensionPoint, method: string, note?: string): ExtensionPointHome => ({
  kind: 'extension-point',
  extensionPoint,
  method,
  movable: false,
  ...(note ? { note } : {}),
});

/**
 * Every legacy builder method with a known counterpart, checked against the `CatalogBuilder` and the extension
 * point interfaces of the published plugin-catalog-backend / plugin-catalog-node releases. A method missing here
 * (entity policies, `replaceProcessors`, `setProcessingInterval`, `setEventBroker`, ...) has none.
 */
export const CATALOG_BUILDER_METHODS: Record<string, CatalogMethodHome> = {
  addProcessor: { ...at('catalogProcessingExtensionPoint', 'addProcessor'), movable: true },
  addEntityProvider: { ...at('catalogProcessingExtensionPoint', 'addEntityProvider'), movable: true },
  setPlaceholderResolver: at('catalogProcessingExtensionPoint', 'addPlaceholderResolver', 'same `(key, resolver)` arguments'),
  subscribe: at(
    'catalogProcessingExtensionPoint',
    'setOnProcessingErrorHandler',
    'pass the `onProcessingError` function itself rather than the `{ onProcessingError }` object',
  ),
  setFieldFormatValidators: at('catalogModelExtensionPoint', 'setFieldValidators', 'same validators object'),
  setEntityDataParser: at('catalogModelExtensionPoint', 'setEntityDataParser', 'same parser'),
  addLocationAnalyzers: at('catalogAnalysisExtensionPoint', 'addScmLocationAnalyzer', 'one analyzer per call'),
  setLocationAnalyzer: at('catalogAnalysisExtensionPoint', 'setLocationAnalyzer', 'same analyzer'),
  addPermissions: at('catalogPermissionExtensionPoint', 'addPermissions', 'same permissions'),
  addPermissionRules: at('catalogPermissionExtensionPoint', 'addPermissionRules', 'same rules'),
  setAllowedLocationTypes: at('catalogLocationsExtensionPoint', 'setAllowedLocationTypes', 'same list of types'),
  setProcessingIntervalSeconds: {
    kind: 'config',
    note: 'the new catalog plugin reads its processing interval from app-config: set `catalog.processingInterval` to the same duration (`{ seconds: <the number passed here> }`) instead.',
  },
};

/**
 * Where a catalog extension point is imported from: in the forklift family the catalog plugin package itself
 * exports `catalogProcessingExtensionPoint` (the same package the legacy `CatalogBuilder` came from); Backstage's
 * come from `@backstage/plugin-catalog-node` at the entry the repository's version exports them from.
 */
export function catalogExtensionPointModule(
  extensionPoint: string,
  family: ImportFamily,
  builderModule: string | undefined,
  versions: RepoFacts['versions'],
): string {
  return family === 'forklift' && builderModule && extensionPoint === 'catalogProcessingExtensionPoint'
    ? builderModule
    : importSpecifierFor('@backstage/plugin-catalog-node', extensionPoint, versions?.packages);
}

/** Other legacy builders, recognised by a call or an option name; left in place with a pointer to their new home. */
export const OTHER_BUILDERS: Array<{ kind: 'call' | 'method' | 'option'; name: string; todo: string; onlyWithImportFrom?: RegExp }> = [
  {
    kind: 'call',
    name: 'createBuiltinActions',
    todo: 'custom scaffolder actions belong in a scaffolder module: `scaffolderActionsExtensionPoint.addActions(...)` (Backstage: `@backstage/plugin-scaffolder-node`); the new scaffolder plugin installs the built-in actions itself.',
  },
  {
    kind: 'method',
    name: 'addCollator',
    todo: 'search collators belong in a search module: `searchIndexRegistryExtensionPoint.addCollator(...)` (Backstage: `@backstage/plugin-search-backend-node/alpha`).',
  },
  {
    kind: 'option',
    name: 'providerFactories',
    todo: 'custom auth providers belong in an auth module: `authProvidersExtensionPoint.registerProvider(...)` (Backstage: `@backstage/plugin-auth-node`).',
  },
  {
    kind: 'option',
    name: 'policy',
    onlyWithImportFrom: /plugin-permission-backend/,
    todo: 'a permission policy belongs in a permission module: `policyExtensionPoint.setPolicy(...)` (Backstage: `@backstage/plugin-permission-node/alpha`).',
  },
];
