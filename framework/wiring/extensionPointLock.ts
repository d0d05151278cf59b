import { extensionPointLocked } from './errors';

/** One switch per plugin: flipped once the plugin's init has run, after which its extension points refuse calls. */
export interface PluginLock {
  readonly pluginId: string;
  locked: boolean;
}

/**
 * Hands a module a view of an extension point implementation that throws once the owning plugin has
 * initialised. Plain values are returned as they are; objects and functions are wrapped so that every method
 * call, property write and direct call checks the lock.
 */
export function lockable<T>(impl: T, ref: string, lock: PluginLock): T {
  if (impl === null || (typeof impl !== 'object' && typeof impl !== 'function')) return impl;
  const guard = (member: string) => {
    if (lock.locked) throw extensionPointLocked(ref, lock.pluginId, member);
  };
  const methods = new Map<PropertyKey, (...args: unknown[]) => unknown>();
  return new Proxy(impl as unknown as object, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || typeof prop === 'symbol') return value;
      let wrapped = methods.get(prop);
      if (!wrapped) {
        wrapped = function lockedExtensionPointMethod(...args: unknown[]) {
          guard(String(prop));
          return Reflect.apply(value, target, args);
        };
        methods.set(prop, wrapped);
      }
      return wrapped;
    },
    set(target, prop, value) {
      guard(String(prop));
      return Reflect.set(target, prop, value, target);
    },
    apply(target, thisArg, args) {
      guard('');
      return Reflect.apply(target as (...args: unknown[]) => unknown, thisArg, args);
    },
  }) as unknown as T;
}
