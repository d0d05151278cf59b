import { defineTypeCarrier, hasTypeTag, SERVICE_REF_TYPE } from './markers';
import type { ServiceFactory } from './ServiceFactory';

/** Where a service lives: one instance per backend (`root`) or one per plugin (`plugin`). */
export type ServiceScope = 'root' | 'plugin';

/**
 * A typed handle to a service. Matching is always by `id`, never by object identity,
 * so two copies of this package in one process still agree on what a ref means.
 */
export interface ServiceRef<
  TService,
  TScope extends ServiceScope = ServiceScope,
  TInstances extends 'singleton' | 'multiton' = 'singleton' | 'multiton',
> {
  /** Backstage's tag, so either family's container accepts the ref (older Forklift refs carry '@forklift/ServiceRef'). */
  readonly $$type: typeof SERVICE_REF_TYPE | '@forklift/ServiceRef';
  readonly id: string;
  readonly scope: TScope;
  readonly multiton: TInstances extends 'multiton' ? true : false;
  /** Type carrier only; reading it at runtime throws. */
  readonly T: TService;
  /**
   * A factory used when the backend has none registered for this id, named as Backstage names it so its container
   * finds it too. Read it with `defaultFactoryOf`, which also knows the `defaultFactory` of older Forklift refs.
   */
  __defaultFactory?(ref: ServiceRef<TService, TScope, TInstances>): Promise<ServiceFactory> | ServiceFactory;
  toString(): string;
}

export interface ServiceRefOptions<TService, TScope extends ServiceScope, TInstances extends 'singleton' | 'multiton'> {
  id: string;
  scope?: TScope;
  multiton?: TInstances extends 'multiton' ? true : false;
  defaultFactory?(ref: ServiceRef<TService, TScope, TInstances>): Promise<ServiceFactory> | ServiceFactory;
}

const ID_PATTERN = /^[a-zA-Z][a-zA-Z0-9._-]*$/;

export function createServiceRef<TService>(
  options: ServiceRefOptions<TService, 'plugin', 'singleton'>,
): ServiceRef<TService, 'plugin', 'singleton'>;
export function createServiceRef<TService>(
  options: ServiceRefOptions<TService, 'root', 'singleton'>,
): ServiceRef<TService, 'root', 'singleton'>;
export function createServiceRef<TService>(
  options: ServiceRefOptions<TService, 'plugin', 'multiton'>,
): ServiceRef<TService, 'plugin', 'multiton'>;
export function createServiceRef<TService>(
  options: ServiceRefOptions<TService, 'root', 'multiton'>,
): ServiceRef<TService, 'root', 'multiton'>;
export function createServiceRef<TService>(
  options: ServiceRefOptions<TService, ServiceScope, 'singleton' | 'multiton'>,
): ServiceRef<TService> {
  const { id, scope = 'plugin', multiton = false, defaultFactory } = options;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new TypeError(
      `Invalid service ref id '${String(id)}': use letters, digits, '.', '_' or '-', starting with a letter (e.g. 'my-org.catalogClient')`,
    );
  }
  if (scope !== 'root' && scope !== 'plugin') {
    throw new TypeError(`Invalid scope '${String(scope)}' for service ref '${id}': use 'root' or 'plugin'`);
  }
  const ref = {
    $$type: SERVICE_REF_TYPE,
    id,
    scope,
    multiton: Boolean(multiton),
    __defaultFactory: defaultFactory,
    toString() {
      return `serviceRef{${id}}`;
    },
    toJSON() {
      return { $$type: SERVICE_REF_TYPE, id, scope, multiton: Boolean(multiton) };
    },
  };
  defineTypeCarrier(ref, `serviceRef{${id}}`);
  return ref as unknown as ServiceRef<TService>;
}

/** True for anything that looks like a service ref, from this copy of the package or another. */
export function isServiceRef(value: unknown): value is ServiceRef<unknown> {
  return typeof value === 'object' && hasTypeTag(value, 'serviceRef');
}

type DefaultFactoryFn = (ref: ServiceRef<unknown>) => unknown;

/** The ref's own default factory: Backstage's `__defaultFactory`, or `defaultFactory` on older Forklift refs. */
export function defaultFactoryOf(ref: ServiceRef<unknown>): DefaultFactoryFn | undefined {
  const candidate = ref as unknown as { __defaultFactory?: unknown; defaultFactory?: unknown };
  const fn = candidate.__defaultFactory ?? candidate.defaultFactory;
  return typeof fn === 'function' ? (fn as DefaultFactoryFn) : undefined;
}
