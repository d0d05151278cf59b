/**
 * Where each legacy builder call goes in the new backend system: the owning plugin's extension point, the
 * package that exports it per import family, and the method to call. Names checked against Backstage's
 * published API reference (plugin-catalog-node, plugin-scaffolder-node, plugin-search-backend-node,
 * plugin-auth-node, plugin-permission-node).
 */
import { importSpecifierFor } from '../../analysis';
import type { ImportFamily } from '../shared/importFamily';
import type { RepoFacts } from '../types';

export interface ExtensionPointTarget {
  /** The plugin the module extends. */
  pluginId: string;
  extensionPoint: string;
  method: string;
  /**
   * Where the extension point is imported from: for forklift a function of the legacy builder's own module, for
   * Backstage the entry (root or `/alpha`) that exports it at the version the repository uses.
   */
  module(family: ImportFamily, builderModule: string | undefined, versions: RepoFacts['versions']): string;
}

/**
 * The catalog's processing extension point. In the forklift family the catalog plugin package itself exports
 * `catalogProcessingExtensionPoint` (the same package the legacy `CatalogBuilder` came from).
 */
const catalogProcessing = (method: string): ExtensionPointTarget => ({
  pluginId: 'catalog',
  extensionPoint: 'catalogProcessingExtensionPoint',
  method,
  module: (family, builderModule, versions) =>
    family === 'forklift' && builderModule
      ? builderModule
      : importSpecifierFor('@backstage/plugin-catalog-node', 'catalogProcessingExtensionPoint', versions?.packages),
});

/** Catalog builder methods a module can take over by moving the call as it is. */
export const MOVABLE_CATALOG_METHODS: Record<string, ExtensionPointTarget> = {
  addProcessor: catalogProcessing('addProcessor'),
  addEntityProvider: catalogProcessing('addEntityProvider'),
};

/** Catalog builder methods whose new home is known but whose arguments need a person's eye: the TODO text. */
export const OTHER_CATALOG_METHODS: Record<string, string> = {
  addPlaceholderResolver:
    'in the new backend system this is `catalogProcessingExtensionPoint.addPlaceholderResolver(...)` (Backstage: `@backstage/plugin-catalog-node`), in a catalog module.',
  addPermissionRules:
    'in the new backend system this is `catalogPermissionExtensionPoint.addPermissionRules(...)` (Backstage: `@backstage/plugin-catalog-node/alpha`), in a catalog module.',
  addLocationAnalyzers:
    'in the new backend system this is `catalogAnalysisExtensionPoint.addLocationAnalyzer(...)` (Backstage: `@backstage/plugin-catalog-node/alpha`), in a catalog module.',
  setFieldFormatValidators:
    'in the new backend system this is `catalogModelExtensionPoint.setFieldValidators(...)` (Backstage: `@backstage/plugin-catalog-node/alpha`), in a catalog module.',
  setEntityDataParser:
    'in the new backend system this is `catalogModelExtensionPoint.setEntityDataParser(...)` (Backstage: `@backstage/plugin-catalog-node/alpha`), in a catalog module.',
  setProcessingIntervalSeconds:
    'the new catalog plugin reads its processing interval from config: set `catalog.processingInterval` in app-config instead.',
};

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
