/**
 * The managers old backends built by hand in `makeCreateEnv`, each a face over the framework's implementation
 * of the same service, with cleanups tied to the backend's config (see backendResources).
 */
import type { Config, LoggerService } from '../../framework/api';
import { CacheManager as FrameworkCacheManager } from '../../framework/services/cache';
import { DatabaseManager as FrameworkDatabaseManager } from '../../framework/services/database';
import { HostDiscovery as FrameworkHostDiscovery } from '../../framework/services/discovery';
import { DefaultSchedulerService } from '../../framework/services/scheduler';
import { AllowListUrlReader } from '../../framework/services/urlReader';
import { cacheToPluginCacheManager } from '../bridge/cacheToPluginCacheManager';
import type { PluginCacheManager, PluginDatabaseManager, PluginEndpointDiscovery, PluginTaskScheduler, UrlReader } from '../types';
import { closeOnBackendClose, onBackendClose } from './backendResources';
import { legacyRootLoggerService } from './rootLogger';

type LoggerLike = { child(meta: Record<string, unknown>): unknown };

function serviceLogger(_logger?: LoggerLike): LoggerService {
  // Legacy callers pass their winston root logger; the runtime's own logger service writes to the same place.
  return legacyRootLoggerService();
}

export class DatabaseManager {
  static fromConfig(config: Config, options: { logger?: LoggerLike } = {}): DatabaseManager {
    return new DatabaseManager(config, FrameworkDatabaseManager.fromConfig(config), serviceLogger(options.logger));
  }

  private constructor(
    private readonly config: Config,
    private readonly databases: FrameworkDatabaseManager,
    private readonly logger: LoggerService,
  ) {}

  forPlugin(pluginId: string): PluginDatabaseManager {
    return this.databases.forPlugin(pluginId, {
      logger: this.logger.child({ plugin: pluginId }),
      lifecycle: closeOnBackendClose(this.config),
    });
  }
}

export class CacheManager {
  static fromConfig(config: Config, options: { logger?: LoggerLike } = {}): CacheManager {
    const caches = FrameworkCacheManager.fromConfig(config, { logger: serviceLogger(options.logger) });
    onBackendClose(config, () => caches.close());
    return new CacheManager(caches);
  }

  private constructor(private readonly caches: FrameworkCacheManager) {}

  forPlugin(pluginId: string): PluginCacheManager {
    return cacheToPluginCacheManager(this.caches.forPlugin(pluginId));
  }
}

/** Discovery from `backend.baseUrl` and `discovery.endpoints`, as the framework's discovery service reads them. */
export class HostDiscovery {
  static fromConfig(config: Config, options: { logger?: LoggerLike } = {}): PluginEndpointDiscovery {
    return FrameworkHostDiscovery.fromConfig(config, { logger: serviceLogger(options.logger) });
  }
}

/** Older name of the same thing. */
export const SingleHostDiscovery = HostDiscovery;

export class UrlReaders {
  static default(options: { logger?: LoggerLike; config: Config }): UrlReader {
    return AllowListUrlReader.fromConfig(options.config);
  }
}

export class TaskScheduler {
  static fromConfig(config: Config, options: { databaseManager?: DatabaseManager; logger?: LoggerLike } = {}): TaskScheduler {
    return new TaskScheduler(config, options.databaseManager ?? DatabaseManager.fromConfig(config), serviceLogger(options.logger));
  }

  private constructor(
    private readonly config: Config,
    private readonly databaseManager: DatabaseManager,
    private readonly logger: LoggerService,
  ) {}

  forPlugin(pluginId: string): PluginTaskScheduler {
    const scheduler = new DefaultSchedulerService({
      pluginId,
      database: this.databaseManager.forPlugin(pluginId),
      logger: this.logger.child({ plugin: pluginId }),
    });
    onBackendClose(this.config, () => scheduler.stop());
    return scheduler;
  }
}
