import { BACKEND_FEATURE_TYPE, BACKEND_FEATURE_VERSION } from './markers';
import { isServiceRef, type ServiceRef, type ServiceScope } from './ServiceRef';

/** Maps a record of refs to a record of the services they resolve to (arrays for multiton refs). */
export type ResolvedDeps<TDeps extends { [name: string]: ServiceRef<unknown> }> = {
  [K in keyof TDeps]: TDeps[K] extends ServiceRef<infer S, ServiceScope, 'multiton'>
    ? S[]
    : TDeps[K] extends ServiceRef<infer S>
      ? S
      : never;
};

export type DepRefs = { [name: string]: ServiceRef<unknown> };

/**
 * A service factory in Backstage's feature shape, so either family's container accepts it; the container
 * normalises factories of other shapes (older Backstage and Forklift ones) to this when they are added.
 */
export interface ServiceFactory<TService = unknown, TScope extends ServiceScope = ServiceScope> {
  readonly $$type: typeof BACKEND_FEATURE_TYPE | '@forklift/BackendFeature';
  readonly version?: typeof BACKEND_FEATURE_VERSION;
  readonly featureType: 'service';
  readonly service: ServiceRef<TService, TScope>;
  readonly deps: DepRefs;
  /** `always`: created at startup even if nothing asks for it; `lazy`: only when needed. */
  readonly initialization?: 'always' | 'lazy';
  /** Root context of a plugin-scoped factory: made once per backend, shared by every plugin. */
  createRootContext?(deps: Record<string, unknown>): unknown | Promise<unknown>;
  factory(deps: Record<string, unknown>, context: unknown): TService | Promise<TService>;
}

type RootDeps = { [name: string]: ServiceRef<unknown, 'root'> };

export interface RootServiceFactoryOptions<TService, TImpl extends TService, TDeps extends RootDeps> {
  service: ServiceRef<TService, 'root'>;
  deps: TDeps;
  initialization?: 'always' | 'lazy';
  factory(deps: ResolvedDeps<TDeps>): TImpl | Promise<TImpl>;
}

export interface PluginServiceFactoryOptions<TService, TImpl extends TService, TContext, TDeps extends DepRefs> {
  service: ServiceRef<TService, 'plugin'>;
  deps: TDeps;
  initialization?: 'always' | 'lazy';
  createRootContext?(deps: ResolvedDeps<PickRoot<TDeps>>): TContext | Promise<TContext>;
  factory(deps: ResolvedDeps<TDeps>, context: TContext): TImpl | Promise<TImpl>;
}

type PickRoot<T extends DepRefs> = { [K in keyof T as T[K] extends ServiceRef<unknown, 'root'> ? K : never]: T[K] };

export function createServiceFactory<TService, TImpl extends TService, TDeps extends RootDeps>(
  options: RootServiceFactoryOptions<TService, TImpl, TDeps>,
): ServiceFactory<TService, 'root'>;
export function createServiceFactory<TService, TImpl extends TService, TDeps extends DepRefs, TContext = undefined>(
  options: PluginServiceFactoryOptions<TService, TImpl, TContext, TDeps>,
): ServiceFactory<TService, 'plugin'>;
export function createServiceFactory(options: {
  service: unknown;
  deps?: DepRefs;
  initialization?: unknown;
  createRootContext?(deps: Record<string, unknown>): unknown;
  factory(deps: Record<string, unknown>, context: unknown): unknown;
}): ServiceFactory {
  const { service, deps = {}, factory, createRootContext, initialization } = options;
  if (!isServiceRef(service)) {
    throw new TypeError('createServiceFactory needs `service`: a ref made with createServiceRef');
  }
  if (typeof factory !== 'function') {
    throw new TypeError(`createServiceFactory for ${service} needs a \`factory\` function`);
  }
  if (initialization !== undefined && initialization !== 'always' && initialization !== 'lazy') {
    throw new TypeError(`createServiceFactory for ${service}: initialization must be 'always' or 'lazy', got '${initialization}'`);
  }
  if (service.scope === 'root' && createRootContext) {
    throw new TypeError(`createServiceFactory for ${service}: createRootContext is only for plugin-scoped services`);
  }
  return {
    $$type: BACKEND_FEATURE_TYPE,
    version: BACKEND_FEATURE_VERSION,
    featureType: 'service',
    service,
    deps,
    initialization,
    createRootContext,
    factory,
  };
}
