/**
 * The one boundary between the feature shapes the container accepts and the one it works with. Accepted:
 * Backstage's features (`$$type: '@backstage/BackendFeature'`, `version: 'v1'`, `plugin-v1.1` / `module-v1.1`
 * registrations with `{ extensionPoint, factory }`, and the older `plugin` / `module` registrations with
 * `[ref, impl]` pairs), Backstage's pre-feature service factories (`'@backstage/ServiceFactory'`, possibly
 * callable), and what older Forklift versions made (`'@forklift/*'` markers, `{ ref, impl }` provisions).
 * Everything past this file sees only `NormalisedRegistration` and `ServiceFactory`.
 */
import {
  BACKEND_FEATURE_TYPE,
  BACKEND_FEATURE_VERSION,
  isBackendFeature,
  isExtensionPoint,
  isServiceRef,
  LEGACY_SERVICE_FACTORY_TYPE,
  typeTagOf,
  type ExtensionPointRegistration,
  type InitRegistration,
  type ServiceFactory,
} from '../api';

export interface NormalisedPlugin {
  type: 'plugin';
  pluginId: string;
  extensionPoints: ExtensionPointRegistration[];
  init: InitRegistration;
}

export interface NormalisedModule {
  type: 'module';
  pluginId: string;
  moduleId: string;
  extensionPoints: ExtensionPointRegistration[];
  init: InitRegistration;
}

export type NormalisedRegistration = NormalisedPlugin | NormalisedModule;

export type FeatureKind = 'service' | 'registrations' | 'loader';

/** Which kind of feature a marked value is, or undefined when it carries no feature marker of either family. */
export function featureKindOf(value: unknown): FeatureKind | 'unknown' | undefined {
  if (typeTagOf(value) === LEGACY_SERVICE_FACTORY_TYPE) return 'service';
  if (!isBackendFeature(value)) return undefined;
  const feature = value as { version?: unknown; featureType?: unknown };
  if (feature.version !== undefined && feature.version !== BACKEND_FEATURE_VERSION) return 'unknown';
  if (feature.featureType === 'service' || 'service' in feature) return 'service';
  if (feature.featureType === 'loader') return 'loader';
  if (feature.featureType === 'registrations' || 'getRegistrations' in feature) return 'registrations';
  return 'unknown';
}

/**
 * A service factory of any accepted shape as the container's `ServiceFactory`. Callable factories (Backstage's
 * pre-1.0 `createServiceFactory(...)` results, which a ref's default factory may still return) are called first.
 */
export function normaliseServiceFactory(value: unknown, source: string): ServiceFactory {
  let candidate = value;
  if (typeof candidate === 'function' && !('service' in candidate)) candidate = (candidate as () => unknown)();
  if (featureKindOf(candidate) !== 'service') {
    throw new TypeError(`${source} did not give a service factory (got ${describe(candidate)})`);
  }
  const factory = candidate as Partial<ServiceFactory>;
  if (!isServiceRef(factory.service)) throw new TypeError(`${source} gave a service factory without a service ref`);
  if (typeof factory.factory !== 'function') {
    throw new TypeError(`${source} gave a service factory for ${String(factory.service)} without a factory function`);
  }
  return {
    $$type: BACKEND_FEATURE_TYPE,
    version: BACKEND_FEATURE_VERSION,
    featureType: 'service',
    service: factory.service,
    deps: factory.deps ?? {},
    initialization: factory.initialization,
    createRootContext: typeof factory.createRootContext === 'function' ? factory.createRootContext.bind(factory) : undefined,
    factory: factory.factory.bind(factory),
  };
}

/** One registration of any accepted shape; throws a TypeError naming what is wrong. */
export function normaliseRegistration(raw: unknown, feature: string): NormalisedRegistration {
  if (typeof raw !== 'object' || raw === null) throw new TypeError(`a registration must be an object, got ${describe(raw)}`);
  const r = raw as { type?: unknown; pluginId?: unknown; moduleId?: unknown; extensionPoints?: unknown; init?: unknown };
  const kind = registrationKind(r.type);
  if (typeof r.pluginId !== 'string') throw new TypeError(`the registration has no string pluginId (got ${describe(r.pluginId)})`);
  const label = kind === 'module' ? `module '${String(r.moduleId)}' of plugin '${r.pluginId}'` : `plugin '${r.pluginId}'`;
  const extensionPoints = normaliseExtensionPoints(r.extensionPoints, label);
  const init = normaliseInit(r.init, label);
  if (kind === 'plugin') return { type: 'plugin', pluginId: r.pluginId, extensionPoints, init };
  if (typeof r.moduleId !== 'string') {
    throw new TypeError(
      `the module registration for plugin '${r.pluginId}' has no string moduleId (got ${describe(r.moduleId)}) in ${feature}`,
    );
  }
  return { type: 'module', pluginId: r.pluginId, moduleId: r.moduleId, extensionPoints, init };
}

function registrationKind(type: unknown): 'plugin' | 'module' {
  if (type === 'plugin' || type === 'plugin-v1.1') return 'plugin';
  if (type === 'module' || type === 'module-v1.1') return 'module';
  throw new TypeError(`unknown registration type ${describe(type)}; expected 'plugin-v1.1', 'module-v1.1', 'plugin' or 'module'`);
}

/** `{ extensionPoint, factory }` (v1.1), `[ref, impl]` (Backstage v1) or `{ ref, impl | factory }` (older Forklift). */
function normaliseExtensionPoints(value: unknown, label: string): ExtensionPointRegistration[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${label} has extensionPoints that are not an array`);
  return value.map((item: unknown, index) => {
    const where = `${label} extensionPoints[${index}]`;
    if (Array.isArray(item)) {
      const [ref, impl] = item as [unknown, unknown];
      if (!isExtensionPoint(ref)) throw new TypeError(`${where} is a pair whose first item is not an extension point`);
      return { extensionPoint: ref, factory: () => impl };
    }
    const entry = item as { extensionPoint?: unknown; ref?: unknown; factory?: unknown; impl?: unknown } | null;
    const ref = entry?.extensionPoint ?? entry?.ref;
    if (!isExtensionPoint(ref)) throw new TypeError(`${where} does not name an extension point`);
    if (typeof entry!.factory === 'function') {
      return { extensionPoint: ref, factory: entry!.factory as ExtensionPointRegistration['factory'] };
    }
    if (entry && 'impl' in entry) {
      const impl = entry.impl;
      return { extensionPoint: ref, factory: () => impl };
    }
    throw new TypeError(`${where} has neither a factory nor an implementation`);
  });
}

function normaliseInit(value: unknown, label: string): InitRegistration {
  const init = value as { deps?: unknown; func?: unknown } | null | undefined;
  if (!init || typeof init.func !== 'function') throw new TypeError(`${label} has no init function`);
  const deps = init.deps ?? {};
  if (typeof deps !== 'object' || deps === null) throw new TypeError(`${label} has init deps that are not an object`);
  return { deps: deps as InitRegistration['deps'], func: init.func as InitRegistration['func'] };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'function' ? 'a function' : typeof value === 'object' ? 'an object' : String(value);
}
