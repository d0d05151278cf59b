/**
 * Hot module reloading helpers of old backends. Under webpack HMR they kept values across reloads;
 * without it (node, tsx, the forklift container) they simply run the factory once per module.
 */
type HotModule = NodeModule & {
  hot?: {
    data?: Record<string, unknown>;
    addDisposeHandler(handler: (data: Record<string, unknown>) => void): void;
  };
};

const memoized = new WeakMap<object, unknown[]>();

export function useHotMemoize<T>(module: NodeModule, valueFactory: () => T): T {
  const hot = (module as HotModule).hot;
  if (!hot) {
    return valueFactory();
  }
  // Values live on the hot data object so a reloaded module finds the previous instance at the same index.
  const data = hot.data ?? {};
  const store = (data.forkliftMemoized as unknown[]) ?? [];
  const index = (memoized.get(module) ?? []).length;
  memoized.set(module, [...(memoized.get(module) ?? []), true]);
  if (index >= store.length) {
    store.push(valueFactory());
  }
  hot.addDisposeHandler((next) => {
    next.forkliftMemoized = store;
  });
  return store[index] as T;
}

export function useHotCleanup(module: NodeModule, cancelEffect: () => void): void {
  const hot = (module as HotModule).hot;
  if (hot) {
    hot.addDisposeHandler(() => cancelEffect());
  }
}
