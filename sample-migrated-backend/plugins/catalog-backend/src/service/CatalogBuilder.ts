import { Config, InputError, NotFoundError, PluginDatabaseManager } from 'forklift/legacy-bridge';
import express from 'express';
import Router from 'express-promise-router';
import { Logger } from 'winston';
import { CatalogProcessor, Entity } from '../types';
import { EntityStore, entityRef } from './EntityStore';

export type CatalogEnvironment = {
  logger: Logger;
  database: PluginDatabaseManager;
  config: Config;
};

function validateEntity(body: unknown): Entity {
  const entity = body as Entity;
  if (typeof entity?.kind !== 'string' || entity.kind === '') {
    throw new InputError('Entity is missing a string kind');
  }
  if (typeof entity.metadata?.name !== 'string' || !/^[a-z0-9-]+$/.test(entity.metadata.name)) {
    throw new InputError('Entity metadata.name must be lower-case letters, digits and dashes');
  }
  return entity;
}

/** Assembles the catalog: the processors each entity goes through, the store, the routes. */
export class CatalogBuilder {
  private readonly processors: CatalogProcessor[] = [];

  private constructor(private readonly env: CatalogEnvironment) {}

  static async create(env: CatalogEnvironment): Promise<CatalogBuilder> {
    return new CatalogBuilder(env);
  }

  addProcessor(...processors: CatalogProcessor[]): CatalogBuilder {
    this.processors.push(...processors);
    return this;
  }

  async build(): Promise<{ router: express.Router; processors: string[] }> {
    const { logger, database, config } = this.env;
    const store = await EntityStore.create(await database.getClient());
    const processors = [...this.processors];

    const ingest = async (raw: unknown) => {
      let entity = validateEntity(raw);
      for (const processor of processors) {
        entity = await processor.preProcessEntity(entity);
      }
      return { ref: await store.upsert(entity), entity };
    };

    for (const seed of config.getOptional<unknown[]>('catalog.entities') ?? []) {
      const { ref } = await ingest(seed);
      logger.debug(`Seeded ${ref}`);
    }

    const router = Router();
    router.use(express.json());

    router.get('/entities', async (req, res) => {
      const kind = typeof req.query.kind === 'string' ? req.query.kind : undefined;
      res.json({ items: await store.list(kind) });
    });

    router.get('/entities/by-name/:kind/:namespace/:name', async (req, res) => {
      const { kind, namespace, name } = req.params;
      const entity = await store.get(`${kind.toLowerCase()}:${namespace}/${name}`);
      if (!entity) {
        throw new NotFoundError(`No entity ${kind}:${namespace}/${name}`);
      }
      res.json(entity);
    });

    router.post('/entities', async (req, res) => {
      const { ref, entity } = await ingest(req.body);
      res.status(201).json({ ref, entity });
    });

    router.delete('/entities/by-name/:kind/:namespace/:name', async (req, res) => {
      const { kind, namespace, name } = req.params;
      if (!(await store.remove(`${kind.toLowerCase()}:${namespace}/${name}`))) {
        throw new NotFoundError(`No entity ${kind}:${namespace}/${name}`);
      }
      res.status(204).end();
    });

    router.get('/processors', async (_req, res) => {
      res.json({ processors: processors.map(p => p.getProcessorName()) });
    });

    return { router, processors: processors.map(p => p.getProcessorName()) };
  }
}

export { entityRef };
