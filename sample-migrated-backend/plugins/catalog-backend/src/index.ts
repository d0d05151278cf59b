export { catalogPlugin as default } from './plugin';
export { catalogProcessingExtensionPoint } from './extensions';
export type { CatalogProcessingExtensionPoint } from './extensions';
export { CatalogBuilder } from './service/CatalogBuilder';
export type { CatalogEnvironment } from './service/CatalogBuilder';
export type { CatalogProcessor, Entity } from './types';
