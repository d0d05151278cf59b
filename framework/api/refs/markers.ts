/**
 * The `$$type` tags that say what an object is. Refs and features are recognised by these tags, never by
 * `instanceof`, so objects made by another copy of this package still count.
 */
export const SERVICE_REF_TYPE = '@forklift/ServiceRef';
export const EXTENSION_POINT_TYPE = '@forklift/ExtensionPoint';
export const BACKEND_FEATURE_TYPE = '@forklift/BackendFeature';

/** Reads the `$$type` tag of any value (undefined for primitives and untagged objects). */
export function typeTagOf(value: unknown): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return (value as { $$type?: unknown }).$$type;
}
