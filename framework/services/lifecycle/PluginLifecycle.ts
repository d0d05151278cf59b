import type {
  LifecycleService,
  LifecycleServiceHookOptions,
  LifecycleServiceShutdownHook,
  LifecycleServiceStartupHook,
  LoggerService,
  RootLifecycleService,
} from '../../api';

interface PluginHookSink {
  addPluginStartupHook(pluginId: string, hook: () => void | Promise<void>, logger: LoggerService): void;
  addPluginShutdownHook(pluginId: string, hook: () => void | Promise<void>, logger: LoggerService): void;
}

function isPluginHookSink(value: unknown): value is PluginHookSink {
  const v = value as Partial<PluginHookSink>;
  return typeof v.addPluginStartupHook === 'function' && typeof v.addPluginShutdownHook === 'function';
}

/**
 * One plugin's lifecycle: its hooks go into the root lifecycle tagged with the plugin id, so plugin hooks run
 * in the backend-wide order and their failures are logged with the plugin's logger.
 */
export class PluginLifecycle implements LifecycleService {
  readonly #pluginId: string;
  readonly #root: RootLifecycleService;
  readonly #logger: LoggerService;

  constructor(pluginId: string, root: RootLifecycleService, logger: LoggerService) {
    this.#pluginId = pluginId;
    this.#root = root;
    this.#logger = logger;
  }

  addStartupHook(hook: LifecycleServiceStartupHook, options?: LifecycleServiceHookOptions): void {
    const logger = options?.logger ?? this.#logger;
    if (isPluginHookSink(this.#root)) this.#root.addPluginStartupHook(this.#pluginId, hook, logger);
    else this.#root.addStartupHook(hook, { logger });
  }

  addShutdownHook(hook: LifecycleServiceShutdownHook, options?: LifecycleServiceHookOptions): void {
    const logger = options?.logger ?? this.#logger;
    if (isPluginHookSink(this.#root)) this.#root.addPluginShutdownHook(this.#pluginId, hook, logger);
    else this.#root.addShutdownHook(hook, { logger });
  }
}
