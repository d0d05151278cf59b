import { Config, PluginTaskScheduler, HumanDuration } from 'forklift/legacy-bridge';
import express from 'express';
import Router from 'express-promise-router';
import { Logger } from 'winston';

export interface RouterOptions {
  logger: Logger;
  config: Config;
  scheduler: PluginTaskScheduler;
}

const TASK_ID = 'heartbeat-beat';

/**
 * Beats on a schedule and tells what it did: how many beats, and when the last one happened.
 * @deprecated Install the plugin in the new backend system instead: `backend.add(import('@internal/plugin-heartbeat-backend'))`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, config, scheduler } = options;
  const frequency = (config.getOptional('heartbeat.frequency') as HumanDuration | undefined) ?? { minutes: 10 };

  let beats = 0;
  let lastBeatAt: string | undefined;

  await scheduler.scheduleTask({
    id: TASK_ID,
    frequency,
    timeout: { seconds: 30 },
    initialDelay: { seconds: 1 },
    scope: 'local',
    fn: async () => {
      beats += 1;
      lastBeatAt = new Date().toISOString();
      logger.info(`Heartbeat ${beats}`);
    },
  });

  const router = Router();
  router.use(express.json());

  router.get('/beats', async (_req, res) => {
    res.json({ beats, lastBeatAt: lastBeatAt ?? null });
  });

  router.post('/beats', async (_req, res) => {
    await scheduler.triggerTask(TASK_ID);
    res.status(202).json({ triggered: TASK_ID });
  });

  router.get('/tasks', async (_req, res) => {
    const tasks = await scheduler.getScheduledTasks();
    res.json({ tasks: tasks.map(task => ({ id: task.id, scope: task.scope })) });
  });

  return router;
}
