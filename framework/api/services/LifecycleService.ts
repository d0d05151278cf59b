import type { LoggerService } from './LoggerService';

export type LifecycleServiceStartupHook = () => void | Promise<void>;
export type LifecycleServiceShutdownHook = () => void | Promise<void>;

export interface LifecycleServiceHookOptions {
  /** The logger that reports this hook's failure; defaults to the plugin's logger. */
  logger?: LoggerService;
}

/** Startup and shutdown hooks of one plugin. Adding a startup hook after startup throws. */
export interface LifecycleService {
  /** Runs once the backend has started every plugin. */
  addStartupHook(hook: LifecycleServiceStartupHook, options?: LifecycleServiceHookOptions): void;
  /** Runs when the backend stops, after the root before-shutdown hooks. */
  addShutdownHook(hook: LifecycleServiceShutdownHook, options?: LifecycleServiceHookOptions): void;
}

/** The backend's own lifecycle. */
export interface RootLifecycleService extends LifecycleService {
  /** Runs first when the backend stops, before any plugin shutdown hook (readiness goes red here). */
  addBeforeShutdownHook(hook: () => void | Promise<void>): void;
}
