import type { CatalogProcessor, Entity } from '@internal/plugin-catalog-backend';

/**
 * Gives every component without an owner the platform group as its owner, so that
 * ownership queries in the catalog never come back empty.
 */
export class OwnerDefaultsProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'OwnerDefaultsProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (entity.kind !== 'Component' || entity.spec?.owner) {
      return entity;
    }
    return { ...entity, spec: { ...entity.spec, owner: 'group:default/platform' } };
  }
}
