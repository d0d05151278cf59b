import { coreServices } from '../../api';
import type { LifecycleService, RootLifecycleService } from '../../api';
import { PluginLifecycle, lifecycleServiceFactory } from '../../services/lifecycle';
import { RootLifecycle, rootLifecycleServiceFactory } from '../../services/rootLifecycle';
import { createServiceMock } from './createServiceMock';
import { MockLogger } from './MockLogger';

/**
 * A real root lifecycle with a recording logger; call its `startup()`, `beforeShutdown()` and `shutdown()` to
 * drive the hooks in a test.
 */
function rootLifecycle(options: { logger?: MockLogger } = {}): RootLifecycle {
  return new RootLifecycle(options.logger ?? new MockLogger());
}
rootLifecycle.factory = () => rootLifecycleServiceFactory;
rootLifecycle.mock = createServiceMock<RootLifecycleService>(coreServices.rootLifecycle, [
  'addStartupHook',
  'addShutdownHook',
  'addBeforeShutdownHook',
]);

/** A real plugin lifecycle registering into `root` (a fresh root lifecycle by default). */
function lifecycle(options: { pluginId?: string; root?: RootLifecycle; logger?: MockLogger } = {}): PluginLifecycle {
  const logger = options.logger ?? new MockLogger();
  return new PluginLifecycle(options.pluginId ?? 'test', options.root ?? new RootLifecycle(logger), logger);
}
lifecycle.factory = () => lifecycleServiceFactory;
lifecycle.mock = createServiceMock<LifecycleService>(coreServices.lifecycle, ['addStartupHook', 'addShutdownHook']);

export const mockRootLifecycle = rootLifecycle;
export const mockLifecycle = lifecycle;
