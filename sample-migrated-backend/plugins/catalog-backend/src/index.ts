export { CatalogBuilder } from './service/CatalogBuilder';
export type { CatalogEnvironment } from './service/CatalogBuilder';
export type { CatalogProcessor, Entity } from './types';
