import type { BackendFeatureLoader, BackendRegistrationFeature, ServiceFactory } from '../api';
import {
  featureImportFailed,
  featureLoaderFailed,
  ForkliftBackendError,
  invalidFeature,
  invalidRegistration,
  isForkliftBackendError,
} from './errors';
import { isPromiseLike, unwrapDefaultExport } from './moduleInterop';
import { featureKindOf, normaliseRegistration, normaliseServiceFactory, type NormalisedRegistration } from './normalise';
import type { ServiceRegistry } from './ServiceRegistry';

type Unwrapped =
  | { kind: 'service'; factory: ServiceFactory }
  | { kind: 'registrations'; feature: BackendRegistrationFeature }
  | { kind: 'loader'; loader: BackendFeatureLoader };

/** How many early-alpha calls are made at most before giving up on a value. */
const MAX_CALLS = 2;

/** The early-alpha form: a function that returns the feature when called without arguments. */
function isFeatureFactory(value: unknown): value is () => unknown {
  return typeof value === 'function' && value.length === 0;
}

/** Tagged as a feature of either family, Backstage's pre-feature service factories included. */
function isTaggedFeature(value: unknown): value is object {
  return featureKindOf(value) !== undefined;
}

/**
 * Turns what a caller handed to `add` (once any promise has settled) into a feature: a feature itself,
 * a module namespace with `default` (also doubled by CommonJS interop), or an early-alpha function that
 * returns the feature when called.
 */
export function unwrapFeature(value: unknown, source: string): Unwrapped {
  let current = value;
  for (let calls = 0; calls <= MAX_CALLS; calls++) {
    const found = unwrapDefaultExport(current, (candidate) => isTaggedFeature(candidate) || isFeatureFactory(candidate));
    if (isTaggedFeature(found)) return classify(found, value, source);
    if (found === undefined) break;
    current = (found as () => unknown)();
  }
  throw invalidFeature(value, source);
}

function classify(feature: unknown, value: unknown, source: string): Unwrapped {
  switch (featureKindOf(feature)) {
    case 'service':
      try {
        return { kind: 'service', factory: normaliseServiceFactory(feature, source) };
      } catch (error) {
        throw invalidRegistration(source, error);
      }
    case 'registrations':
      return { kind: 'registrations', feature: feature as BackendRegistrationFeature };
    case 'loader':
      return { kind: 'loader', loader: feature as BackendFeatureLoader };
    default:
      throw invalidFeature(value, source);
  }
}

/** What `start()` works with once every added item, promise and loader has been expanded. */
export interface CollectedFeatures {
  registrations: Array<{ registration: NormalisedRegistration; feature: string }>;
  /** Invalid features, registrations and failed loaders, reported together with the other startup errors. */
  errors: ForkliftBackendError[];
}

/**
 * Expands the added items in order. Service factories go into the registry as they appear; loaders run after
 * every plain item before them, so a factory added directly is in place before a loader's deps are made.
 */
export async function collectFeatures(items: unknown[], registry: ServiceRegistry): Promise<CollectedFeatures> {
  const registrations: CollectedFeatures['registrations'] = [];
  const errors: ForkliftBackendError[] = [];
  const loaders: BackendFeatureLoader[] = [];

  const handle = (item: unknown, source: string) => {
    const unwrapped = unwrapFeature(item, source);
    switch (unwrapped.kind) {
      case 'service':
        registry.add(unwrapped.factory, source);
        break;
      case 'loader':
        loaders.push(unwrapped.loader);
        break;
      case 'registrations': {
        const name = String(unwrapped.feature);
        try {
          const raw: unknown = unwrapped.feature.getRegistrations();
          if (!Array.isArray(raw)) throw new TypeError(`getRegistrations() returned ${typeof raw}, not an array`);
          for (const registration of raw) registrations.push({ registration: normaliseRegistration(registration, name), feature: name });
        } catch (error) {
          errors.push(isForkliftBackendError(error) ? error : invalidRegistration(name, error));
        }
        break;
      }
    }
  };

  const settle = async (batch: unknown[], source: string) => {
    // Promises are awaited together so slow imports overlap, but handled in the order they were added.
    const values = await Promise.all(
      batch.map((item) =>
        isPromiseLike(item)
          ? Promise.resolve(item).then(
              (v) => ({ v }),
              (e) => ({ e }),
            )
          : { v: item },
      ),
    );
    for (const result of values) {
      if ('e' in result) {
        errors.push(featureImportFailed(source, result.e));
        continue;
      }
      try {
        handle(result.v, source);
      } catch (error) {
        errors.push(isForkliftBackendError(error) ? error : invalidRegistration(source, error));
      }
    }
  };

  await settle(items, 'backend.add()');
  while (loaders.length > 0) {
    const loader = loaders.shift()!;
    let produced: unknown[];
    try {
      const deps = await registry.resolveDeps(loader.deps, undefined);
      produced = await drain(loader.loader(deps));
    } catch (error) {
      errors.push(isForkliftBackendError(error) ? error : featureLoaderFailed(loader.description, error));
      continue;
    }
    await settle(produced, `the ${loader.description}`);
  }
  return { registrations, errors };
}

/** Reads every item a loader yields: arrays and other iterables, async generators, or a promise of either. */
async function drain(result: unknown): Promise<unknown[]> {
  const value = isPromiseLike(result) ? await result : result;
  if (value && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const items: unknown[] = [];
    for await (const item of value as AsyncIterable<unknown>) items.push(item);
    return items;
  }
  if (value && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') return [...(value as Iterable<unknown>)];
  throw new TypeError(`a loader must return an array, an iterable or an async generator of features, got ${typeof value}`);
}
