import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  createServiceRef,
  createSpecializedBackend,
  type DepRefs,
  type ResolvedDeps,
  type ServiceFactory,
} from 'forklift/framework';
import { makeBackend, rejectionOf, thrownBy } from './helpers';

function pluginUsing<TDeps extends DepRefs>(pluginId: string, deps: TDeps, onInit: (deps: ResolvedDeps<TDeps>) => void = () => {}) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps,
        async init(resolved) {
          onInit(resolved);
        },
      });
    },
  });
}

describe('service registry', () => {
  it('creates a root service once, shared by every plugin', async () => {
    const ref = createServiceRef<{ n: number }>({ id: 'test.counter', scope: 'root' });
    let created = 0;
    const seen: unknown[] = [];
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: ref, deps: {}, factory: () => ({ n: ++created }) }));
    backend.add(pluginUsing('a', { c: ref }, ({ c }) => seen.push(c)));
    backend.add(pluginUsing('b', { c: ref }, ({ c }) => seen.push(c)));
    await backend.start();
    expect(created).toBe(1);
    expect(seen[0]).toBe(seen[1]);
    await backend.stop();
  });

  it('creates root services eagerly even when nothing uses them, unless they are lazy', async () => {
    const eager = createServiceRef<string>({ id: 'test.eager', scope: 'root' });
    const lazy = createServiceRef<string>({ id: 'test.lazy', scope: 'root' });
    const created: string[] = [];
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: eager, deps: {}, factory: () => (created.push('eager'), 'e') }));
    backend.add(createServiceFactory({ service: lazy, deps: {}, initialization: 'lazy', factory: () => (created.push('lazy'), 'l') }));
    await backend.start();
    expect(created).toEqual(['eager']);
    await backend.stop();
  });

  it('creates plugin services lazily, once per plugin, with one root context per factory', async () => {
    const ref = createServiceRef<{ plugin: string; context: object }>({ id: 'test.perPlugin' });
    const unused = createServiceRef<string>({ id: 'test.unusedPerPlugin' });
    const calls: string[] = [];
    const { backend } = makeBackend();
    backend.add(
      createServiceFactory({
        service: ref,
        deps: { meta: coreServices.pluginMetadata, rootLogger: coreServices.rootLogger },
        createRootContext: () => {
          calls.push('context');
          return {};
        },
        factory: ({ meta }, context) => {
          calls.push(`factory:${meta.getId()}`);
          return { plugin: meta.getId(), context: context as object };
        },
      }),
    );
    backend.add(createServiceFactory({ service: unused, deps: {}, factory: () => (calls.push('unused'), 'u') }));
    const got: Record<string, { plugin: string; context: object }[]> = { a: [], b: [] };
    backend.add(pluginUsing('a', { s: ref, again: ref }, ({ s, again }) => got.a.push(s, again)));
    backend.add(pluginUsing('b', { s: ref }, ({ s }) => got.b.push(s)));
    await backend.start();
    expect(calls.filter((c) => c === 'context')).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('factory')).sort()).toEqual(['factory:a', 'factory:b']);
    expect(calls).not.toContain('unused');
    expect(got.a[0]).toBe(got.a[1]);
    expect(got.a[0].plugin).toBe('a');
    expect(got.b[0].plugin).toBe('b');
    expect(got.a[0].context).toBe(got.b[0].context);
    await backend.stop();
  });

  it("creates plugin services marked initialization 'always' for every plugin, even unused", async () => {
    const ref = createServiceRef<string>({ id: 'test.always' });
    const made: string[] = [];
    const { backend } = makeBackend();
    backend.add(
      createServiceFactory({
        service: ref,
        deps: { meta: coreServices.pluginMetadata },
        initialization: 'always',
        factory: ({ meta }) => (made.push(meta.getId()), 'x'),
      }),
    );
    backend.add(pluginUsing('a', {}));
    backend.add(pluginUsing('b', {}));
    await backend.start();
    expect(made.sort()).toEqual(['a', 'b']);
    await backend.stop();
  });

  it('matches refs by id, not object identity (two copies of a package)', async () => {
    const copyA = createServiceRef<string>({ id: 'test.shared', scope: 'root' });
    const copyB = createServiceRef<string>({ id: 'test.shared', scope: 'root' });
    let value: string | undefined;
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: copyA, deps: {}, factory: () => 'from copy A' }));
    backend.add(pluginUsing('a', { s: copyB }, ({ s }) => (value = s)));
    await backend.start();
    expect(value).toBe('from copy A');
    await backend.stop();
  });

  it('diagnoses two refs with one id that disagree on scope (two copies of a package)', async () => {
    const newer = createServiceRef<string>({ id: 'test.drifted', scope: 'root' });
    const older = createServiceRef<string>({ id: 'test.drifted' });
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: newer, deps: {}, factory: () => 'x' }));
    backend.add(pluginUsing('consumer', { s: older }));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_CONFLICTING_SERVICE_REFS');
    expect(error.message).toBe(
      "plugin 'consumer' uses serviceRef{test.drifted} as a plugin-scoped singleton service, but its factory was made for a " +
        'root-scoped singleton serviceRef{test.drifted}. Two refs with one id that disagree usually mean two copies of the package ' +
        'that defines it. Fix: deduplicate that package (npm ls <package>, then npm dedupe or align the versions) so every feature uses one definition.',
    );
  });

  it("uses the ref's defaultFactory when nothing is registered, and a registered factory over it", async () => {
    const withDefault = createServiceRef<string>({
      id: 'test.withDefault',
      defaultFactory: async (ref) => createServiceFactory({ service: ref, deps: {}, factory: () => 'default' }) as ServiceFactory,
    });
    const values: string[] = [];
    const first = makeBackend().backend;
    first.add(pluginUsing('a', { s: withDefault }, ({ s }) => values.push(s)));
    await first.start();
    const second = makeBackend().backend;
    second.add(createServiceFactory({ service: withDefault, deps: {}, factory: () => 'registered' }));
    second.add(pluginUsing('a', { s: withDefault }, ({ s }) => values.push(s)));
    await second.start();
    expect(values).toEqual(['default', 'registered']);
    await first.stop();
    await second.stop();
  });

  it('lets a factory given to backend.add override the default factory', async () => {
    const ref = createServiceRef<string>({ id: 'test.overridable', scope: 'root' });
    const { backend } = makeBackend({ extra: [createServiceFactory({ service: ref, deps: {}, factory: () => 'default' })] });
    backend.add(createServiceFactory({ service: ref, deps: {}, factory: () => 'override' }));
    let value: string | undefined;
    backend.add(pluginUsing('a', { s: ref }, ({ s }) => (value = s)));
    await backend.start();
    expect(value).toBe('override');
    await backend.stop();
  });

  it('collects every factory of a multiton ref', async () => {
    const ref = createServiceRef<string>({ id: 'test.multi', multiton: true });
    let values: string[] = [];
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: ref, deps: {}, factory: () => 'one' }));
    backend.add(createServiceFactory({ service: ref, deps: {}, factory: () => 'two' }));
    backend.add(pluginUsing('a', { all: ref }, ({ all }) => (values = all)));
    await backend.start();
    expect(values).toEqual(['one', 'two']);
    await backend.stop();
  });

  it('rejects two factories for one singleton id added by the user', () => {
    const ref = createServiceRef<string>({ id: 'test.twice', scope: 'root' });
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: ref, deps: {}, factory: () => 'a' }));
    backend.add(createServiceFactory({ service: ref, deps: {}, factory: () => 'b' }));
    return rejectionOf(backend.start()).then((error) => {
      expect(error.code).toBe('FORKLIFT_DUPLICATE_SERVICE_FACTORY');
      expect(error.message).toBe(
        'Two service factories were added for serviceRef{test.twice}; a singleton service has one factory. ' +
          'Fix: remove one of the backend.add(...) calls (a factory passed to backend.add already replaces the default one).',
      );
    });
  });

  it('rejects two default factories for one id when the backend is created', () => {
    const ref = createServiceRef<string>({ id: 'test.twiceDefault', scope: 'root' });
    const error = thrownBy(() =>
      createSpecializedBackend({
        defaultServiceFactories: [
          createServiceFactory({ service: ref, deps: {}, factory: () => 'a' }),
          createServiceFactory({ service: ref, deps: {}, factory: () => 'b' }),
        ],
      }),
    );
    expect(error.code).toBe('FORKLIFT_DUPLICATE_SERVICE_FACTORY');
    expect(error.message).toBe(
      'defaultServiceFactories holds two factories for serviceRef{test.twiceDefault}. Fix: keep one default factory per service id.',
    );
  });

  it('builds pluginMetadata per plugin and refuses a factory for it', async () => {
    const ids: string[] = [];
    const { backend } = makeBackend();
    backend.add(pluginUsing('alpha', { meta: coreServices.pluginMetadata }, ({ meta }) => ids.push(meta.getId())));
    backend.add(pluginUsing('beta', { meta: coreServices.pluginMetadata }, ({ meta }) => ids.push(meta.getId())));
    await backend.start();
    expect(ids.sort()).toEqual(['alpha', 'beta']);
    await backend.stop();

    const other = makeBackend().backend;
    other.add(createServiceFactory({ service: coreServices.pluginMetadata, deps: {}, factory: () => ({ getId: () => 'fake' }) }));
    const error = await rejectionOf(other.start());
    expect(error.code).toBe('FORKLIFT_BUILTIN_SERVICE_OVERRIDE');
    expect(error.message).toBe(
      'serviceRef{core.pluginMetadata} is built into the backend (made per plugin from its id) and cannot be overridden. ' +
        'Fix: remove the factory for it; read the plugin id with pluginMetadata.getId() instead.',
    );
  });

  it('refuses a root service that depends on a plugin service', async () => {
    const rootRef = createServiceRef<string>({ id: 'test.rootNeedsPlugin', scope: 'root' });
    const { backend } = makeBackend();
    backend.add(createServiceFactory({ service: rootRef, deps: { logger: coreServices.logger } as never, factory: () => 'x' }));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_ROOT_DEPENDS_ON_PLUGIN');
    expect(error.message).toBe(
      "Root service serviceRef{test.rootNeedsPlugin} depends on plugin-scoped serviceRef{core.logger} (as 'logger'); " +
        'a root service exists once per backend and cannot use a per-plugin service. ' +
        'Fix: depend on a root service instead (e.g. core.rootLogger rather than core.logger), or make serviceRef{test.rootNeedsPlugin} plugin-scoped.',
    );
  });

  it('names the service and the plugin when a factory throws', async () => {
    const ref = createServiceRef<string>({ id: 'test.explodes' });
    const { backend } = makeBackend();
    backend.add(
      createServiceFactory({
        service: ref,
        deps: {},
        factory: () => {
          throw new Error('no connection');
        },
      }),
    );
    backend.add(pluginUsing('victim', { s: ref }));
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_PLUGIN_INIT_FAILED');
    expect(error.cause.code).toBe('FORKLIFT_SERVICE_FACTORY_FAILED');
    expect(error.cause.message).toBe(
      "Service factory for serviceRef{test.explodes} failed for plugin 'victim': no connection. " +
        'Fix: check that factory and the configuration it reads (the original error is in `cause`).',
    );
    expect(error.message).toContain("Plugin 'victim' failed to start: Service factory for serviceRef{test.explodes} failed");
  });

  it('reports a failing root factory at start', async () => {
    const ref = createServiceRef<string>({ id: 'test.rootExplodes', scope: 'root' });
    const { backend } = makeBackend();
    backend.add(
      createServiceFactory({
        service: ref,
        deps: {},
        factory: async () => {
          throw new Error('bad config');
        },
      }),
    );
    const error = await rejectionOf(backend.start());
    expect(error.code).toBe('FORKLIFT_SERVICE_FACTORY_FAILED');
    expect(error.message).toMatch(/^Service factory for serviceRef\{test.rootExplodes\} failed: bad config\. Fix:/);
  });
});
