import { defineTypeCarrier, EXTENSION_POINT_TYPE, hasTypeTag } from './markers';

/** A typed handle to an extension point; like service refs, matched by id. */
export interface ExtensionPoint<T> {
  readonly $$type: typeof EXTENSION_POINT_TYPE | '@forklift/ExtensionPoint';
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
  const point = {
    $$type: EXTENSION_POINT_TYPE,
    id,
    toString() {
      return `extensionPoint{${id}}`;
    },
  };
  defineTypeCarrier(point, `extensionPoint{${id}}`);
  return point as unknown as ExtensionPoint<T>;
}

/** True for anything that looks like an extension point, from this copy of the package or another. */
export function isExtensionPoint(value: unknown): value is ExtensionPoint<unknown> {
  return typeof value === 'object' && hasTypeTag(value, 'extensionPoint');
}
