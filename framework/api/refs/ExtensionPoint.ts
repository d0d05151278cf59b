import { EXTENSION_POINT_TYPE, typeTagOf } from './markers';

/** A typed handle to an extension point; like service refs, matched by id. */
export interface ExtensionPoint<T> {
  readonly $$type: typeof EXTENSION_POINT_TYPE;
  readonly id: string;
  /** Type carrier only; reading it at runtime throws. */
  readonly T: T;
  toString(): string;
}

export function createExtensionPoint<T>(options: { id: string }): ExtensionPoint<T> {
  const { id } = options;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError("createExtensionPoint needs a non-empty string `id`, e.g. 'catalog.processing'");
  }
  return {
    $$type: EXTENSION_POINT_TYPE,
    id,
    get T(): T {
      throw new Error(`extensionPoint{${id}}.T is a type carrier only and has no runtime value`);
    },
    toString() {
      return `extensionPoint{${id}}`;
    },
  };
}

/** True for anything that looks like an extension point, from this copy of the package or another. */
export function isExtensionPoint(value: unknown): value is ExtensionPoint<unknown> {
  return typeTagOf(value) === EXTENSION_POINT_TYPE;
}
