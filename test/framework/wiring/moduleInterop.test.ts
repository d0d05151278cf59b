import {
  createBackendPlugin,
  createExtensionPoint,
  createServiceRef,
  isBackendFeature,
  isExtensionPoint,
  isServiceRef,
} from 'forklift/framework';
import { isPromiseLike, unwrapDefaultExport } from '../../../framework/wiring';
import { resolveRecord } from '../../../framework/wiring/resolveRecord';

const isFunction = (value: unknown): value is (...args: unknown[]) => unknown => typeof value === 'function';

describe('unwrapDefaultExport (the one reader of module namespaces: features and legacy createPlugin files)', () => {
  const fn = () => 'router';

  it('takes the value itself, a namespace default, and the default doubled by CommonJS interop', () => {
    expect(unwrapDefaultExport(fn, isFunction)).toBe(fn);
    expect(unwrapDefaultExport({ default: fn }, isFunction)).toBe(fn);
    expect(unwrapDefaultExport({ default: { default: fn } }, isFunction)).toBe(fn);
  });

  it('gives undefined when no layer holds what is wanted, without looking deeper than interop wraps', () => {
    expect(unwrapDefaultExport({ default: 42 }, isFunction)).toBeUndefined();
    expect(unwrapDefaultExport({ createPlugin: fn }, isFunction)).toBeUndefined();
    expect(unwrapDefaultExport({ default: { default: { default: fn } } }, isFunction)).toBeUndefined();
    expect(unwrapDefaultExport(null, isFunction)).toBeUndefined();
    expect(unwrapDefaultExport('text', isFunction)).toBeUndefined();
  });
});

describe('isPromiseLike', () => {
  it('is true for promises and thenables, false for everything else', () => {
    expect(isPromiseLike(Promise.resolve(1))).toBe(true);
    expect(isPromiseLike({ then: () => undefined })).toBe(true);
    expect(isPromiseLike({ then: 'no' })).toBe(false);
    expect(isPromiseLike(null)).toBe(false);
    expect(isPromiseLike(undefined)).toBe(false);
    expect(isPromiseLike(() => undefined)).toBe(false);
  });
});

describe('resolveRecord (deps records of plugins, modules, factories and loaders)', () => {
  it('resolves every entry in parallel and keeps the names', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pending = resolveRecord({ a: 1, b: 2 }, async (value, name) => {
      started.push(name);
      await gate;
      return value * 10;
    });
    // Both resolutions started before either finished: they run side by side.
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    release();
    await expect(pending).resolves.toEqual({ a: 10, b: 20 });
  });

  it('rejects with the first failure', async () => {
    await expect(resolveRecord({ a: 1 }, async () => Promise.reject(new Error('no factory')))).rejects.toThrow('no factory');
  });
});

describe('ref and feature predicates (matched by tag, so another copy of the package counts)', () => {
  it('recognise what the creators make', () => {
    const point = createExtensionPoint<string>({ id: 'acme.point' });
    const ref = createServiceRef<string>({ id: 'acme.service' });
    const plugin = createBackendPlugin({ pluginId: 'acme', register: () => undefined });
    expect([isExtensionPoint(point), isServiceRef(point), isBackendFeature(point)]).toEqual([true, false, false]);
    expect([isExtensionPoint(ref), isServiceRef(ref), isBackendFeature(ref)]).toEqual([false, true, false]);
    expect([isExtensionPoint(plugin), isServiceRef(plugin), isBackendFeature(plugin)]).toEqual([false, false, true]);
  });

  it('recognise plain objects with the same tags, as another copy of the package makes them', () => {
    expect(isExtensionPoint({ $$type: '@forklift/ExtensionPoint', id: 'other.point' })).toBe(true);
    expect(isServiceRef({ $$type: '@forklift/ServiceRef', id: 'other.service' })).toBe(true);
    expect(isBackendFeature({ $$type: '@forklift/BackendFeature', featureType: 'registrations' })).toBe(true);
    expect(isExtensionPoint({ id: 'untagged' })).toBe(false);
    expect(isExtensionPoint(null)).toBe(false);
  });
});
