import { coreServices, createServiceFactory } from '../../api';
import { DEFAULT_POLLING_INTERVAL_MS, DEFAULT_SHUTDOWN_TIMEOUT_MS, DefaultSchedulerService } from './DefaultSchedulerService';
import { readDurationMs } from '../durations';

/**
 * core.scheduler: each plugin's tasks; global ones coordinate through the plugin's own database.
 * Tasks stop in the root before-shutdown phase, so they finish while plugin databases are still open.
 */
export const schedulerServiceFactory = createServiceFactory({
  service: coreServices.scheduler,
  deps: {
    config: coreServices.rootConfig,
    database: coreServices.database,
    logger: coreServices.logger,
    rootLifecycle: coreServices.rootLifecycle,
    pluginMetadata: coreServices.pluginMetadata,
  },
  factory({ config, database, logger, rootLifecycle, pluginMetadata }) {
    const scheduler = new DefaultSchedulerService({
      pluginId: pluginMetadata.getId(),
      database,
      logger,
      pollingIntervalMs: readDurationMs(config, 'backend.scheduler.pollingInterval', DEFAULT_POLLING_INTERVAL_MS),
      shutdownTimeoutMs: readDurationMs(config, 'backend.scheduler.shutdownTimeout', DEFAULT_SHUTDOWN_TIMEOUT_MS),
    });
    rootLifecycle.addBeforeShutdownHook(() => scheduler.stop());
    return scheduler;
  },
});
