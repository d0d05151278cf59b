import { InputError, NotFoundError, PluginDatabaseManager, errorHandler } from 'forklift/legacy-bridge';
import express from 'express';
import Router from 'express-promise-router';
import { Logger } from 'winston';
import { migrationSource } from './migrations';
import { TodoStore } from './TodoStore';

export interface RouterOptions {
  logger: Logger;
  database: PluginDatabaseManager;
}

function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) {
    throw new InputError(`Invalid todo id '${raw}', expected a positive integer`);
  }
  return id;
}

/** @deprecated Install the plugin in the new backend system instead: `backend.add(import('@internal/plugin-todo-backend'))`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, database } = options;

  const db = await database.getClient();
  if (!database.migrations?.skip) {
    await db.migrate.latest({ migrationSource });
  }
  const store = new TodoStore(db);

  const router = Router();
  router.use(express.json());

  router.get('/health', (_, response) => {
    response.json({ status: 'ok' });
  });

  router.get('/todos', async (_req, res) => {
    res.json({ items: await store.list() });
  });

  router.get('/todos/:id', async (req, res) => {
    const todo = await store.get(parseId(req.params.id));
    if (!todo) {
      throw new NotFoundError(`No todo with id ${req.params.id}`);
    }
    res.json(todo);
  });

  router.post('/todos', async (req, res) => {
    const title = req.body?.title;
    if (typeof title !== 'string' || title.trim() === '') {
      throw new InputError('A todo needs a non-empty string title');
    }
    const todo = await store.add(title.trim());
    logger.info(`Created todo ${todo.id}`);
    res.status(201).json(todo);
  });

  router.put('/todos/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const { title, done } = req.body ?? {};
    if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) {
      throw new InputError('title must be a non-empty string');
    }
    if (done !== undefined && typeof done !== 'boolean') {
      throw new InputError('done must be a boolean');
    }
    const todo = await store.update(id, { title, done });
    if (!todo) {
      throw new NotFoundError(`No todo with id ${id}`);
    }
    res.json(todo);
  });

  router.delete('/todos/:id', async (req, res) => {
    const id = parseId(req.params.id);
    if (!(await store.remove(id))) {
      throw new NotFoundError(`No todo with id ${id}`);
    }
    res.status(204).end();
  });

  router.use(errorHandler());
  return router;
}
