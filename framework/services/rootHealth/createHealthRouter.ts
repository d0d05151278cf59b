import { Router } from 'express';
import type { RootHealthService } from '../../api';

/** Where the health endpoints live; they are always open (no credentials), also while draining. */
export const HEALTH_PATH = '/.backstage/health';

/** `GET v1/liveness` and `GET v1/readiness`, answering with the service's status code and payload. */
export function createHealthRouter(health: RootHealthService): Router {
  const router = Router();
  router.get('/v1/liveness', async (_req, res, next) => {
    try {
      const { status, payload } = await health.getLiveness();
      res.status(status).json(payload ?? {});
    } catch (error) {
      next(error);
    }
  });
  router.get('/v1/readiness', async (_req, res, next) => {
    try {
      const { status, payload } = await health.getReadiness();
      res.status(status).json(payload ?? {});
    } catch (error) {
      next(error);
    }
  });
  return router;
}
