import express, { Router } from 'express';
import type { Logger } from 'winston';
import { messageOf } from '../../framework/wiring';

export type StatusCheck = () => Promise<unknown>;

export interface StatusCheckRouterOptions {
  logger: Logger;
  /** Where the check answers; `/healthcheck` in old backends. */
  path?: string;
  /** Resolves with the body to send, or rejects to answer 500. */
  statusCheck?: StatusCheck;
}

/** The old health check router: `GET <path>` answers `{ status: 'ok' }` or the custom check's result. */
export async function createStatusCheckRouter(options: StatusCheckRouterOptions): Promise<Router> {
  const { logger, path = '/healthcheck', statusCheck = async () => ({ status: 'ok' }) } = options;
  const router = Router();
  router.use(express.json());
  router.get(path, async (_req, res, next) => {
    try {
      res.status(200).json(await statusCheck());
    } catch (error) {
      logger.error(`Status check failed: ${messageOf(error)}`);
      next(error);
    }
  });
  return router;
}
