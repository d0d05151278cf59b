/** A typed handle to an extension point; like service refs, matched by id. */
export interface ExtensionPoint<T> {
  readonly $$type: '@forklift/ExtensionPoint';
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
    $$type: '@forklift/ExtensionPoint',
    id,
    get T(): T {
      throw new Error(`extensionPoint{${id}}.T is a type carrier only and has no runtime value`);
    },
    toString() {
      return `extensionPoint{${id}}`;
    },
  };
}
