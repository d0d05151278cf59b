import { isExtensionPoint } from '../refs/ExtensionPoint';
import type {
  BackendModuleRegistrationPoints,
  BackendPluginRegistrationPoints,
  ExtensionPointFactoryContext,
  ExtensionPointRegistration,
  InitRegistration,
} from './types';

/** Plugin and module ids: lower-case words joined by single dashes, e.g. `catalog` or `github-provider`. */
export const FEATURE_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function assertFeatureId(kind: 'plugin' | 'module', id: unknown, context = ''): asserts id is string {
  if (typeof id !== 'string' || !FEATURE_ID_PATTERN.test(id)) {
    throw new TypeError(
      `Invalid ${kind} id '${String(id)}'${context}: ${kind} ids are lower-case letters and digits in words joined by single dashes, ` +
        `starting with a letter (e.g. 'catalog', 'github-provider')`,
    );
  }
}

/**
 * Collects what a plugin's or module's `register` declares and enforces the registration rules:
 * extension points come before `registerInit`, and `registerInit` is called exactly once.
 */
export function collectRegistration(
  label: string,
  register: (points: BackendPluginRegistrationPoints & BackendModuleRegistrationPoints) => void,
): { extensionPoints: ExtensionPointRegistration[]; init: InitRegistration } {
  const extensionPoints: ExtensionPointRegistration[] = [];
  let init: InitRegistration | undefined;
  register({
    registerExtensionPoint(refOrOptions: unknown, impl?: unknown) {
      if (init) {
        throw new Error(`${label} registered an extension point after registerInit; register extension points first`);
      }
      const options = refOrOptions as { extensionPoint?: unknown; factory?: unknown } | undefined;
      if (isExtensionPoint(refOrOptions)) {
        extensionPoints.push({ extensionPoint: refOrOptions, factory: () => impl });
      } else if (isExtensionPoint(options?.extensionPoint) && typeof options.factory === 'function') {
        const factory = options.factory as (context: ExtensionPointFactoryContext) => unknown;
        extensionPoints.push({ extensionPoint: options.extensionPoint, factory });
      } else {
        throw new TypeError(`${label} called registerExtensionPoint without an extension point made by createExtensionPoint`);
      }
    },
    registerInit(options: { deps?: InitRegistration['deps']; init?: InitRegistration['func'] }) {
      if (init) {
        throw new Error(`${label} called registerInit more than once; combine the init functions into one`);
      }
      if (!options || typeof options.init !== 'function') {
        throw new TypeError(`${label} called registerInit without an init function`);
      }
      init = { deps: options.deps ?? {}, func: options.init };
    },
  });
  if (!init) {
    throw new Error(`${label} did not call registerInit; every plugin and module must register an init function`);
  }
  return { extensionPoints, init };
}

/** Gives a feature object the callable early-alpha form: calling it returns the feature itself. */
export function makeCallable<T extends object>(feature: T): T & (() => T) {
  const callable = function forkliftFeature() {
    return callable;
  } as unknown as T & (() => T);
  for (const key of Reflect.ownKeys(feature)) {
    Object.defineProperty(callable, key, Object.getOwnPropertyDescriptor(feature, key)!);
  }
  return callable;
}
