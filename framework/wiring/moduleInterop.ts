/**
 * The shapes module loading gives us: promises from `import()`, and module namespaces whose `default` holds
 * the export (doubled as `{ default: { default } }` when CommonJS and ESM interop both wrap it).
 */

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** How many `default` layers are followed: a namespace, plus the one extra layer interop can add. */
const MAX_DEFAULT_DEPTH = 2;

/**
 * The first of `value`, `value.default`, `value.default.default` that `accept` takes, or undefined when none is.
 * The value itself is tried first, so an export that is already the wanted thing is never looked into.
 */
export function unwrapDefaultExport<T>(value: unknown, accept: (candidate: unknown) => candidate is T): T | undefined {
  let current = value;
  for (let depth = 0; depth <= MAX_DEFAULT_DEPTH; depth++) {
    if (accept(current)) return current;
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || !('default' in current)) return undefined;
    current = (current as { default: unknown }).default;
  }
  return undefined;
}
