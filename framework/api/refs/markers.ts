/**
 * The `$$type` tags that say what an object is. Refs and features are recognised by these tags, never by
 * `instanceof`, so objects made by another copy of this package still count. Forklift writes Backstage's tags
 * (so Backstage's `createBackend()` accepts what Forklift's creators make) and reads both Backstage's and the
 * `@forklift/*` tags that earlier Forklift versions wrote.
 */
export const SERVICE_REF_TYPE = '@backstage/ServiceRef';
export const EXTENSION_POINT_TYPE = '@backstage/ExtensionPoint';
export const BACKEND_FEATURE_TYPE = '@backstage/BackendFeature';
/** Every feature carries this `version`; Backstage refuses features without it. */
export const BACKEND_FEATURE_VERSION = 'v1';
/** Backstage's service factories before they became features (backend-plugin-api 0.6 and earlier). */
export const LEGACY_SERVICE_FACTORY_TYPE = '@backstage/ServiceFactory';

const ACCEPTED: Record<'serviceRef' | 'extensionPoint' | 'feature', readonly unknown[]> = {
  serviceRef: [SERVICE_REF_TYPE, '@forklift/ServiceRef'],
  extensionPoint: [EXTENSION_POINT_TYPE, '@forklift/ExtensionPoint'],
  feature: [BACKEND_FEATURE_TYPE, '@forklift/BackendFeature'],
};

/** Reads the `$$type` tag of any value (undefined for primitives and untagged objects). */
export function typeTagOf(value: unknown): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return (value as { $$type?: unknown }).$$type;
}

/** Whether a value carries a tag of the given kind, from either family. */
export function hasTypeTag(value: unknown, kind: keyof typeof ACCEPTED): boolean {
  return ACCEPTED[kind].includes(typeTagOf(value));
}

/**
 * Defines the type-carrier property `T` without making it enumerable: spreading or serialising a ref (Backstage's
 * code does both) must not read it.
 */
export function defineTypeCarrier(target: object, label: string): void {
  Object.defineProperty(target, 'T', {
    enumerable: false,
    get() {
      throw new Error(`${label}.T is a type carrier only and has no runtime value`);
    },
  });
}
