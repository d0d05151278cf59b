import { createExtensionPoint } from 'forklift/framework';
import { CatalogProcessor } from './types';

/** What catalog modules may add to the catalog plugin before it starts: the steps each entity goes through. */
export interface CatalogProcessingExtensionPoint {
  addProcessor(...processors: Array<CatalogProcessor | CatalogProcessor[]>): void;
}

/**
 * The catalog plugin's extension point. Modules for plugin `catalog` depend on it, as the
 * `catalog-module` codemod's output does (`catalog.addProcessor(new MyProcessor())`).
 */
export const catalogProcessingExtensionPoint = createExtensionPoint<CatalogProcessingExtensionPoint>({
  id: 'catalog.processing',
});
