import { coreServices, isExtensionPoint } from '../api';
import type { Config, LoggerService, ServiceFactory, ServiceRef } from '../api';
import { readBootFailurePolicy, type BootFailurePolicy } from './bootFailurePolicy';
import { PluginBootFailureRecord, pluginBootFailuresServiceRef } from './bootFailures';
import { checkWiring } from './checkWiring';
import {
  addAfterStart,
  alreadyStarted,
  ErrorCodes,
  ForkliftBackendError,
  isForkliftBackendError,
  moduleInitFailed,
  pluginInitFailed,
  throwCollected,
} from './errors';
import { lockable } from './extensionPointLock';
import { collectFeatures, unwrapFeature } from './features';
import { createFallbackLogger } from './fallbacks';
import { planInstallation, type ExtensionPointEntry, type PluginEntry } from './installation';
import type { NormalisedModule, NormalisedPlugin } from './normalise';
import { isPromiseLike } from './moduleInterop';
import { runInPluginScope } from './pluginScope';
import { resolveRecord } from './resolveRecord';
import { ServiceRegistry } from './ServiceRegistry';
import { hasLifecycleInternals, installedFeaturesServiceRef } from './types';
import type { BackendFeatureMeta } from '../api';

/**
 * Runs one backend: collects the added features, checks the whole wiring before anything is created, then starts
 * every plugin (its modules first) in parallel, runs the startup hooks, and later the shutdown hooks.
 */
export class BackendInitializer {
  readonly #registry: ServiceRegistry;
  readonly #items: unknown[] = [];
  #startPromise?: Promise<void>;
  #stopPromise?: Promise<unknown[]>;
  #logger: LoggerService = createFallbackLogger();
  #resolveInstalled!: (meta: BackendFeatureMeta[]) => void;
  readonly #bootFailures = new PluginBootFailureRecord();

  constructor(defaultServiceFactories: Iterable<ServiceFactory>) {
    this.#registry = new ServiceRegistry(defaultServiceFactories);
    const installed = new Promise<BackendFeatureMeta[]>((resolve) => (this.#resolveInstalled = resolve));
    this.#registry.provideBuiltin(installedFeaturesServiceRef, { getInstalledPlugins: () => installed });
    this.#registry.provideBuiltin(pluginBootFailuresServiceRef, this.#bootFailures);
  }

  /** The root logger once the backend has started (a quiet fallback before, or when there is none). */
  get logger(): LoggerService {
    return this.#logger;
  }

  get registry(): ServiceRegistry {
    return this.#registry;
  }

  add(item: unknown): void {
    if (this.#startPromise || this.#stopPromise) throw addAfterStart();
    if (isPromiseLike(item)) {
      // A rejected import is reported by start(); until then it must not count as an unhandled rejection.
      Promise.resolve(item).catch(() => {});
      this.#items.push(item);
      return;
    }
    // Validate now so a wrong argument fails at the add() call that passed it; keep the unwrapped form so an
    // early-alpha callable is called once only.
    const unwrapped = unwrapFeature(item, 'backend.add()');
    this.#items.push(unwrapped.kind === 'service' ? unwrapped.factory : unwrapped.kind === 'loader' ? unwrapped.loader : unwrapped.feature);
  }

  start(): Promise<void> {
    if (this.#startPromise) return Promise.reject(alreadyStarted());
    this.#startPromise = this.#start();
    return this.#startPromise;
  }

  async #start(): Promise<void> {
    const registry = this.#registry;
    const errors: ForkliftBackendError[] = [];
    let plan;
    try {
      const collected = await collectFeatures(this.#items, registry);
      errors.push(...collected.errors);
      plan = planInstallation(collected.registrations.map((r) => r.registration));
      errors.push(...plan.errors);
    } finally {
      this.#resolveInstalled(plan?.meta ?? []);
    }

    const active = registry.activeFactories();
    const alwaysPerPlugin = active.filter((f) => f.service.scope === 'plugin' && f.initialization === 'always');
    const eagerRoots = active.filter((f) => f.service.scope === 'root' && f.initialization !== 'lazy');
    errors.push(...(await checkWiring(registry, plan, [...eagerRoots, ...alwaysPerPlugin])));
    throwCollected(errors);

    if (registry.has(coreServices.rootLogger.id)) this.#logger = await registry.get(coreServices.rootLogger);
    const config = registry.has(coreServices.rootConfig.id) ? await registry.get<Config>(coreServices.rootConfig) : undefined;
    const policy = readBootFailurePolicy(config);
    await registry.initializeRoot();

    const failures = await Promise.all(
      plan.plugins.map((entry) => this.#startPlugin(entry, plan.extensionPoints, policy, alwaysPerPlugin)),
    );
    throwCollected(failures.filter((f): f is ForkliftBackendError => f !== undefined));

    const lifecycle = await registry.peekRoot(coreServices.rootLifecycle.id);
    if (hasLifecycleInternals(lifecycle)) await lifecycle.startup();
  }

  /** Starts one plugin: its always-on services, its modules in order, then the plugin. Returns its error, if any. */
  async #startPlugin(
    entry: PluginEntry,
    extensionPoints: Map<string, ExtensionPointEntry>,
    policy: BootFailurePolicy,
    alwaysPerPlugin: ServiceFactory[],
  ): Promise<ForkliftBackendError | undefined> {
    const { pluginId } = entry;
    // Timers and promises a plugin starts in its init stay attributed to it (see pluginScope).
    const scope = { pluginId, logger: this.#logger.child({ plugin: pluginId }) };
    try {
      await this.#registry.initializePlugin(pluginId, alwaysPerPlugin);
      for (const module of entry.modules) {
        try {
          const reported: Error[] = [];
          const deps = await this.#initDeps(module, entry, extensionPoints, reported);
          await runInPluginScope(scope, () => module.init.func(deps));
          // An extension point may report that the module using it failed (Backstage's reportModuleStartupFailure).
          if (reported.length > 0) throw reported[0];
        } catch (error) {
          const failure = moduleInitFailed(pluginId, module.moduleId, error);
          if (policy.forModule(pluginId, module.moduleId) === 'abort') throw failure;
          this.#logger.error(`${failure.message} Continuing without it (onPluginModuleBootFailure: continue).`, {
            plugin: pluginId,
            module: module.moduleId,
          });
        }
      }
      const deps = await this.#initDeps(entry.plugin, entry, extensionPoints, []);
      await runInPluginScope(scope, () => entry.plugin.init.func(deps));
      return undefined;
    } catch (error) {
      const failure =
        isForkliftBackendError(error) && error.code === ErrorCodes.FORKLIFT_MODULE_INIT_FAILED ? error : pluginInitFailed(pluginId, error);
      if (policy.forPlugin(pluginId) === 'abort') return failure;
      this.#bootFailures.add(pluginId);
      this.#logger.error(`${failure.message} Continuing without it (onPluginBootFailure: continue).`, { plugin: pluginId });
      return undefined;
    } finally {
      entry.lock.locked = true;
    }
  }

  async #initDeps(
    registration: NormalisedPlugin | NormalisedModule,
    { pluginId, lock }: PluginEntry,
    extensionPoints: Map<string, ExtensionPointEntry>,
    reported: Error[],
  ): Promise<Record<string, unknown>> {
    const moduleId = registration.type === 'module' ? registration.moduleId : undefined;
    return resolveRecord(registration.init.deps, async (dep: unknown) => {
      if (isExtensionPoint(dep)) {
        const { provision } = extensionPoints.get(dep.id)!;
        const impl = provision.factory({ moduleId, reportModuleStartupFailure: ({ error }) => void reported.push(error) });
        return lockable(impl, String(dep), lock);
      }
      const ref = dep as ServiceRef<unknown>;
      const service = await this.#registry.get(ref, pluginId);
      // Modules share their plugin's logger instance; their lines also say which module wrote them.
      if (moduleId && ref.id === coreServices.logger.id && typeof (service as LoggerService)?.child === 'function') {
        return (service as LoggerService).child({ module: moduleId });
      }
      return service;
    });
  }

  stop(): Promise<void> {
    return this.stopAndReport().then(() => undefined);
  }

  /** Stops once (later calls share the first); resolves to the errors of the hooks that failed, already logged. */
  stopAndReport(): Promise<unknown[]> {
    if (!this.#stopPromise) this.#stopPromise = this.#stop();
    return this.#stopPromise;
  }

  async #stop(): Promise<unknown[]> {
    if (this.#startPromise) await this.#startPromise.catch(() => {});
    const lifecycle = await this.#registry.peekRoot(coreServices.rootLifecycle.id)?.catch(() => undefined);
    if (!hasLifecycleInternals(lifecycle)) return [];
    const beforeShutdownErrors = await lifecycle.beforeShutdown();
    const shutdownErrors = await lifecycle.shutdown();
    return [...beforeShutdownErrors, ...shutdownErrors];
  }
}
