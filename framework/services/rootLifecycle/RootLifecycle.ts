import type {
  LifecycleServiceHookOptions,
  LifecycleServiceShutdownHook,
  LifecycleServiceStartupHook,
  LoggerService,
  RootLifecycleService,
} from '../../api';
import { hookTooLate, invalidHook, messageOf, type RootLifecycleInternals } from '../../wiring';

type Hook = () => void | Promise<void>;

interface Entry {
  hook: Hook;
  logger: LoggerService;
  /** The plugin the hook belongs to, for the log line when it fails; undefined for the root's own hooks. */
  pluginId?: string;
}

/**
 * The backend's lifecycle. Plugins' lifecycle services register their hooks here too, so one place decides the
 * order: startup runs every plugin's startup hooks, then the root's; shutdown runs the root's before-shutdown
 * hooks, then every plugin's shutdown hooks, then the root's. Hooks of one phase run concurrently; a failing hook
 * is logged with its plugin id and never stops the others.
 */
export class RootLifecycle implements RootLifecycleService, RootLifecycleInternals {
  readonly #logger: LoggerService;
  readonly #pluginStartup: Entry[] = [];
  readonly #rootStartup: Entry[] = [];
  readonly #beforeShutdown: Entry[] = [];
  readonly #pluginShutdown: Entry[] = [];
  readonly #rootShutdown: Entry[] = [];
  #started = false;
  #shuttingDown = false;

  constructor(logger: LoggerService) {
    this.#logger = logger;
  }

  addStartupHook(hook: LifecycleServiceStartupHook, options?: LifecycleServiceHookOptions): void {
    this.#addStartup(this.#rootStartup, hook, options?.logger ?? this.#logger, undefined, 'The root lifecycle');
  }

  addShutdownHook(hook: LifecycleServiceShutdownHook, options?: LifecycleServiceHookOptions): void {
    this.#addShutdown(this.#rootShutdown, 'shutdown', hook, options?.logger ?? this.#logger, undefined, 'The root lifecycle');
  }

  addBeforeShutdownHook(hook: () => void | Promise<void>): void {
    this.#addShutdown(this.#beforeShutdown, 'before-shutdown', hook, this.#logger, undefined, 'The root lifecycle');
  }

  /** Used by each plugin's lifecycle service. */
  addPluginStartupHook(pluginId: string, hook: Hook, logger: LoggerService): void {
    this.#addStartup(this.#pluginStartup, hook, logger, pluginId, `Plugin '${pluginId}'`);
  }

  /** Used by each plugin's lifecycle service. */
  addPluginShutdownHook(pluginId: string, hook: Hook, logger: LoggerService): void {
    this.#addShutdown(this.#pluginShutdown, 'shutdown', hook, logger, pluginId, `Plugin '${pluginId}'`);
  }

  #addStartup(list: Entry[], hook: Hook, logger: LoggerService, pluginId: string | undefined, owner: string) {
    assertHook(hook, owner, 'startup');
    if (this.#started) throw hookTooLate('startup', owner);
    list.push({ hook, logger, pluginId });
  }

  #addShutdown(
    list: Entry[],
    kind: 'shutdown' | 'before-shutdown',
    hook: Hook,
    logger: LoggerService,
    pluginId: string | undefined,
    owner: string,
  ) {
    assertHook(hook, owner, kind);
    if (this.#shuttingDown) throw hookTooLate(kind, owner);
    list.push({ hook, logger, pluginId });
  }

  async startup(): Promise<unknown[]> {
    if (this.#started) return [];
    this.#started = true;
    return [...(await runAll(this.#pluginStartup, 'Startup')), ...(await runAll(this.#rootStartup, 'Startup'))];
  }

  async beforeShutdown(): Promise<unknown[]> {
    this.#shuttingDown = true;
    return runAll(this.#take(this.#beforeShutdown), 'Before-shutdown');
  }

  async shutdown(): Promise<unknown[]> {
    this.#shuttingDown = true;
    return [...(await runAll(this.#take(this.#pluginShutdown), 'Shutdown')), ...(await runAll(this.#take(this.#rootShutdown), 'Shutdown'))];
  }

  /** Empties a list so that each hook runs at most once even if shutdown is driven twice. */
  #take(list: Entry[]): Entry[] {
    return list.splice(0, list.length);
  }
}

function assertHook(hook: unknown, owner: string, kind: 'startup' | 'shutdown' | 'before-shutdown') {
  if (typeof hook !== 'function') throw invalidHook(kind, owner, hook);
}

async function runAll(entries: Entry[], phase: string): Promise<unknown[]> {
  const errors: unknown[] = [];
  await Promise.all(
    entries.map(async ({ hook, logger, pluginId }) => {
      try {
        await hook();
      } catch (error) {
        errors.push(error);
        const meta = { ...(pluginId ? { plugin: pluginId } : {}), error: messageOf(error) };
        logger.error(`${phase} hook ${pluginId ? `of plugin '${pluginId}' ` : 'of the root lifecycle '}failed: ${meta.error}`, meta);
      }
    }),
  );
  return errors;
}
