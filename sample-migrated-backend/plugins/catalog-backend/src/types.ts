export type Entity = {
  apiVersion?: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
};

/** A step every entity passes through before it is stored. */
export interface CatalogProcessor {
  getProcessorName(): string;
  preProcessEntity(entity: Entity): Promise<Entity>;
}
