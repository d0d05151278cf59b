import { coreServices, createServiceFactory, defaultFactoryOf, isServiceRef } from '../api';
import type { PluginMetadataService, ServiceFactory, ServiceRef } from '../api';
import { resolveRecord } from './resolveRecord';
import {
  builtinServiceOverride,
  conflictingRefs,
  duplicateServiceFactory,
  invalidDependency,
  type Consumer,
  ForkliftBackendError,
  isForkliftBackendError,
  lateServiceFactory,
  missingDependencies,
  rootDependsOnPlugin,
  serviceFactoryFailed,
} from './errors';
import { normaliseServiceFactory } from './normalise';

type AnyRef = ServiceRef<unknown>;

const PLUGIN_METADATA_ID = coreServices.pluginMetadata.id;

/** pluginMetadata is made by the container from the plugin id; nobody can replace it. */
const pluginMetadataFactory = createServiceFactory({
  service: coreServices.pluginMetadata,
  deps: {},
  factory: () => undefined as unknown as PluginMetadataService,
}) as ServiceFactory;

/**
 * Knows every service factory of one backend and makes the instances: root services once, plugin services once
 * per plugin, each plugin factory's root context once. Refs are matched by id only.
 */
export class ServiceRegistry {
  readonly #defaults = new Map<string, ServiceFactory[]>();
  readonly #added = new Map<string, ServiceFactory[]>();
  /** Factories produced by a ref's own defaultFactory, loaded on demand. */
  readonly #fromRefs = new Map<string, ServiceFactory>();
  readonly #builtins = new Map<string, ServiceFactory>();
  readonly #builtinValues = new Map<string, unknown>();
  readonly #rootInstances = new Map<ServiceFactory, Promise<unknown>>();
  readonly #pluginInstances = new Map<ServiceFactory, Map<string, Promise<unknown>>>();
  readonly #rootContexts = new Map<ServiceFactory, Promise<unknown>>();
  readonly #pluginMetadata = new Map<string, PluginMetadataService>();
  /** Ids with at least one instance made; a factory for them can no longer be added. */
  readonly #used = new Set<string>();

  constructor(defaultFactories: Iterable<ServiceFactory> = []) {
    this.#builtins.set(PLUGIN_METADATA_ID, pluginMetadataFactory);
    for (const factory of defaultFactories) {
      const id = factory.service.id;
      if (this.#builtins.has(id)) throw builtinServiceOverride(String(factory.service));
      const list = this.#defaults.get(id);
      if (!list) this.#defaults.set(id, [factory]);
      else if (factory.service.multiton) list.push(factory);
      else throw duplicateServiceFactory(String(factory.service), 'default');
    }
  }

  /** A factory the user passed to backend.add (or a loader produced): replaces the default for its id. */
  add(factory: ServiceFactory, source = 'backend.add()'): void {
    const id = factory.service.id;
    if (this.#builtins.has(id)) throw builtinServiceOverride(String(factory.service));
    if (this.#used.has(id)) throw lateServiceFactory(String(factory.service), source);
    const list = this.#added.get(id);
    if (!list) this.#added.set(id, [factory]);
    else if (factory.service.multiton) list.push(factory);
    else throw duplicateServiceFactory(String(factory.service), 'added');
  }

  /** Makes a root service that the container itself provides (not overridable), with a fixed value. */
  provideBuiltin<T>(ref: ServiceRef<T, 'root'>, value: T): void {
    const factory = createServiceFactory({ service: ref, deps: {}, factory: () => value }) as ServiceFactory;
    this.#builtins.set(ref.id, factory);
    this.#builtinValues.set(ref.id, value);
  }

  /** Whether any factory (added, default, built-in or already loaded from a ref) exists for the id. */
  has(id: string): boolean {
    return this.#factoriesFor(id) !== undefined;
  }

  #factoriesFor(id: string): ServiceFactory[] | undefined {
    const builtin = this.#builtins.get(id);
    if (builtin) return [builtin];
    const fromRef = this.#fromRefs.get(id);
    return this.#added.get(id) ?? this.#defaults.get(id) ?? (fromRef ? [fromRef] : undefined);
  }

  /** Every factory that would be used: eager creation and dependency checks walk these. */
  activeFactories(): ServiceFactory[] {
    const result: ServiceFactory[] = [];
    const ids = new Set([...this.#added.keys(), ...this.#defaults.keys(), ...this.#fromRefs.keys()]);
    for (const id of ids) result.push(...this.#factoriesFor(id)!);
    return result;
  }

  /**
   * Ensures a factory exists for the ref, loading the ref's `defaultFactory` if nothing else provides it.
   * Returns the factories, or undefined if the ref is missing.
   */
  async ensure(ref: AnyRef): Promise<ServiceFactory[] | undefined> {
    const existing = this.#factoriesFor(ref.id);
    if (existing) return existing;
    const defaultFactory = defaultFactoryOf(ref);
    if (!defaultFactory) return undefined;
    // A default factory may give any accepted shape, e.g. a callable factory from an older Backstage package.
    const factory = normaliseServiceFactory(await defaultFactory(ref), `the default factory of ${String(ref)}`);
    if (!this.#fromRefs.has(ref.id)) this.#fromRefs.set(ref.id, factory);
    return this.#factoriesFor(ref.id);
  }

  /**
   * Checks everything reachable from `roots`: every ref must have a factory (loading defaultFactory where needed),
   * and no root factory may depend on a plugin service. Returns the missing refs per consumer and the rule errors.
   */
  async checkReachable(
    roots: Array<{ consumer: Consumer; refs: AnyRef[] }>,
  ): Promise<{ missing: Array<{ consumer: Consumer; refs: string[] }>; errors: ForkliftBackendError[]; edges: Map<string, string[]> }> {
    const missing: Array<{ consumer: Consumer; refs: string[] }> = [];
    const errors: ForkliftBackendError[] = [];
    const edges = new Map<string, string[]>();
    const visited = new Set<string>();

    const walk = async (consumer: Consumer, refs: AnyRef[]) => {
      // The entry goes in before recursing so consumers are listed in the order they were reached.
      const absent: string[] = [];
      missing.push({ consumer, refs: absent });
      for (const ref of refs) {
        // Most refs are known already; only a ref's own defaultFactory needs the asynchronous path.
        const factories = this.#factoriesFor(ref.id) ?? (await this.ensure(ref));
        if (!factories) {
          absent.push(String(ref));
          continue;
        }
        // Matching is by id; a ref that disagrees with its factory's ref on shape points at a duplicated package.
        const own = factories[0].service;
        if (own !== ref && (own.scope !== ref.scope || own.multiton !== ref.multiton)) {
          errors.push(conflictingRefs(String(ref), consumer, describeShape(ref), describeShape(own)));
        }
        if (visited.has(ref.id)) continue;
        visited.add(ref.id);
        const perFactory: Array<[ServiceFactory, AnyRef[]]> = [];
        const depIds = new Set<string>();
        for (const factory of factories) {
          const deps: AnyRef[] = [];
          for (const [name, dep] of Object.entries(factory.deps)) {
            if (!isServiceRef(dep)) {
              errors.push(invalidDependency({ kind: 'service', ref: String(factory.service) }, name, dep));
              continue;
            }
            if (factory.service.scope === 'root' && dep.scope === 'plugin') {
              errors.push(rootDependsOnPlugin(String(factory.service), name, String(dep)));
            }
            deps.push(dep);
            depIds.add(dep.id);
          }
          perFactory.push([factory, deps]);
        }
        edges.set(ref.id, [...depIds]);
        for (const [factory, deps] of perFactory) await walk({ kind: 'service', ref: String(factory.service) }, deps);
      }
    };

    for (const root of roots) await walk(root.consumer, root.refs);
    return { missing: missing.filter((m) => m.refs.length > 0), errors, edges };
  }

  /** Resolves one ref for a plugin (or for the root when pluginId is undefined); multiton refs give an array. */
  get<T>(ref: ServiceRef<T>, pluginId?: string): Promise<T> {
    const factories = this.#factoriesFor(ref.id);
    if (!factories) {
      const consumer: Consumer = pluginId ? { kind: 'plugin', pluginId } : { kind: 'loader', description: 'the backend' };
      return Promise.reject(missingDependencies([{ consumer, refs: [String(ref)] }]));
    }
    if (ref.multiton) return Promise.all(factories.map((f) => this.#instance(f, pluginId))) as Promise<T>;
    return this.#instance(factories[0], pluginId) as Promise<T>;
  }

  /** The instance of a root service if it has been made already; never makes one. */
  peekRoot(id: string): Promise<unknown> | undefined {
    const factory = this.#factoriesFor(id)?.[0];
    return factory ? this.#rootInstances.get(factory) : undefined;
  }

  /** Resolves a record of deps for one plugin, in parallel. */
  resolveDeps(deps: Record<string, AnyRef>, pluginId: string | undefined): Promise<Record<string, unknown>> {
    return resolveRecord(deps, (ref) => this.get(ref, pluginId));
  }

  #instance(factory: ServiceFactory, pluginId: string | undefined): Promise<unknown> {
    const id = factory.service.id;
    if (factory.service.scope === 'root') {
      let instance = this.#rootInstances.get(factory);
      if (!instance) {
        this.#used.add(id);
        instance = this.#builtinValues.has(id) ? Promise.resolve(this.#builtinValues.get(id)) : this.#create(factory, undefined);
        this.#rootInstances.set(factory, instance);
      }
      return instance;
    }
    if (pluginId === undefined) {
      return Promise.reject(rootDependsOnPlugin('a root service or feature loader', id, String(factory.service)));
    }
    if (id === PLUGIN_METADATA_ID) return Promise.resolve(this.#metadataFor(pluginId));
    let perPlugin = this.#pluginInstances.get(factory);
    if (!perPlugin) {
      perPlugin = new Map();
      this.#pluginInstances.set(factory, perPlugin);
    }
    let instance = perPlugin.get(pluginId);
    if (!instance) {
      this.#used.add(id);
      instance = this.#create(factory, pluginId);
      perPlugin.set(pluginId, instance);
    }
    return instance;
  }

  #metadataFor(pluginId: string): PluginMetadataService {
    let metadata = this.#pluginMetadata.get(pluginId);
    if (!metadata) {
      metadata = Object.freeze({ getId: () => pluginId });
      this.#pluginMetadata.set(pluginId, metadata);
    }
    return metadata;
  }

  async #create(factory: ServiceFactory, pluginId: string | undefined): Promise<unknown> {
    const deps = await this.resolveDeps(factory.deps, pluginId);
    try {
      if (factory.service.scope === 'root') return await factory.factory(deps, undefined);
      const context = await this.#rootContext(factory);
      return await factory.factory(deps, context);
    } catch (error) {
      throw isForkliftBackendError(error) ? error : serviceFactoryFailed(String(factory.service), pluginId, error);
    }
  }

  #rootContext(factory: ServiceFactory): Promise<unknown> {
    let context = this.#rootContexts.get(factory);
    if (!context) {
      context = (async () => {
        if (!factory.createRootContext) return undefined;
        const rootDeps: Record<string, AnyRef> = {};
        for (const [name, ref] of Object.entries(factory.deps)) if (ref.scope === 'root') rootDeps[name] = ref;
        return factory.createRootContext(await this.resolveDeps(rootDeps, undefined));
      })();
      this.#rootContexts.set(factory, context);
    }
    return context;
  }

  /** Creates every root service that is not lazy. */
  async initializeRoot(): Promise<void> {
    const eager = this.activeFactories().filter((f) => f.service.scope === 'root' && f.initialization !== 'lazy');
    await Promise.all(eager.map((f) => this.#instance(f, undefined)));
  }

  /** Creates the plugin services marked `initialization: 'always'` for one plugin. */
  async initializePlugin(pluginId: string, alwaysFactories: ServiceFactory[]): Promise<void> {
    if (alwaysFactories.length === 0) return;
    await Promise.all(alwaysFactories.map((f) => this.#instance(f, pluginId)));
  }
}

function describeShape(ref: AnyRef): string {
  return `${ref.scope}-scoped ${ref.multiton ? 'multiton' : 'singleton'}`;
}
