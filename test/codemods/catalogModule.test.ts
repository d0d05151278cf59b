/**
 * catalog-module through direct `apply` calls: which builder calls move and which stay with a TODO (and why),
 * how a moved call is rewritten, and the other builders it points elsewhere. The fixture pairs under
 * test/fixtures/catalog-module run through the CLI in fixtures.test.ts.
 */
import { catalogModuleTransform } from '../../codemods/transforms/catalogModule';
import type { TransformContext, TransformResult } from '../../codemods/transforms/types';

const context = (files: Record<string, string> = {}): TransformContext => ({
  root: '/repo',
  facts: { packages: [], pluginIdsByPackage: {} },
  readFile: (path) => files[path],
});

const PATH = 'packages/backend/src/plugins/catalog.ts';

function catalogFile(calls: string, extraImports = ''): string {
  return `import { CatalogBuilder as Builder } from '@backstage/plugin-catalog-backend';
import { MyProvider } from './providers';
${extraImports}import { PluginEnvironment } from '../types';

export default async function createPlugin(env: PluginEnvironment) {
  const catalog = await Builder.create(env);
${calls}
  const { router } = await catalog.build();
  return router;
}
`;
}

function run(source: string, path = PATH, files: Record<string, string> = {}): TransformResult {
  const file = { path, source };
  expect(catalogModuleTransform.matches(file)).toBe(true);
  return catalogModuleTransform.apply(file, context(files));
}

const todosOf = (result: TransformResult) => result.manualSteps.map((s) => s.message);

describe('catalog-module', () => {
  it('does not match files without a legacy builder', () => {
    expect(catalogModuleTransform.matches({ path: 'src/index.ts', source: "export * from './router';" })).toBe(false);
  });

  it('moves a call on an aliased builder, re-pointing relative imports from the modules folder', () => {
    const result = run(catalogFile('  catalog.addEntityProvider(MyProvider.fromConfig(env.config, { reader: env.reader }));'));
    const module = result.files.find((f) => f.path === 'packages/backend/src/modules/catalogModuleMyProvider.ts');
    expect(module).toMatchObject({ status: 'created' });
    const source = (module as { source: string }).source;
    expect(source).toContain("import { MyProvider } from '../plugins/providers';");
    expect(source).toContain('reader: coreServices.urlReader,');
    expect(source).toContain('catalog.addEntityProvider(MyProvider.fromConfig(config, { reader }));');
    expect(source).toContain("moduleId: 'my-provider',");
    expect(todosOf(result)).toEqual([
      expect.stringContaining('moved to `catalogModuleMyProvider` in ../modules/catalogModuleMyProvider.ts'),
    ]);
  });

  it.each([
    ['the whole env', '  catalog.addEntityProvider(MyProvider.fromEnv(env));', 'it passes `env` as a whole'],
    ['an inline function', '  catalog.addProcessor(new MyProvider((e: unknown) => e));', 'it defines a function inline'],
    ['an env field with no one-to-one service', '  catalog.addProcessor(new MyProvider(env.tokenManager));', 'it uses `env.tokenManager`'],
    ['its result', '  const added = catalog.addProcessor(new MyProvider());', 'its result is used here'],
  ])('keeps a call that uses %s, with a TODO naming the extension point', (_what, call, reason) => {
    const result = run(catalogFile(call));
    expect(result.files.map((f) => f.status)).toEqual(['ok']);
    expect(todosOf(result)).toEqual([expect.stringContaining(reason)]);
    expect(todosOf(result)[0]).toContain('on `catalogProcessingExtensionPoint` from `@backstage/plugin-catalog-node`');
    const source = (result.files[0] as { source: string }).source;
    expect(source).toContain(call.trim());
  });

  it('does not overwrite a module file that already exists', () => {
    const result = run(catalogFile('  catalog.addProcessor(new MyProvider());'), PATH, {
      'packages/backend/src/modules/catalogModuleMyProvider.ts': 'export {};\n',
    });
    expect(result.files.map((f) => f.status)).toEqual(['ok']);
    expect(todosOf(result)).toEqual([expect.stringContaining('catalogModuleMyProvider.ts already exists')]);
  });

  it('puts the module next to a plugin file outside a plugins folder and keeps forklift imports', () => {
    const source = `import { CatalogBuilder } from '@internal/plugin-catalog-backend';
import { Annotator } from './annotator';

export async function catalog(env: { logger: unknown }) {
  const builder = await CatalogBuilder.create(env as any);
  builder.addProcessor(new Annotator(env.logger));
  return (await builder.build()).router;
}
`;
    const result = run(source, 'src/catalog.ts');
    const module = result.files.find((f) => f.path === 'src/modules/catalogModuleAnnotator.ts') as { source: string };
    expect(module.source).toContain("import { catalogProcessingExtensionPoint } from '@internal/plugin-catalog-backend';");
    expect(module.source).toContain("import { Annotator } from '../annotator';");
    expect(module.source).toContain('catalog.addProcessor(new Annotator(loggerToWinstonLogger(logger)));');
  });

  it('points search collators and auth providers at their extension points', () => {
    const source = `import { IndexBuilder } from '@backstage/plugin-search-backend-node';
import { createRouter, providers } from '@backstage/plugin-auth-backend';

export default async function createPlugin(env: any) {
  const indexBuilder = new IndexBuilder({ logger: env.logger, searchEngine: env.engine });
  indexBuilder.addCollator({ schedule: env.schedule, factory: env.factory });
  return await createRouter({
    logger: env.logger,
    providerFactories: { github: providers.github.create() },
  });
}
`;
    const result = run(source, 'packages/backend/src/plugins/search.ts');
    expect(result.manualSteps).toEqual([
      {
        path: 'packages/backend/src/plugins/search.ts',
        line: 6,
        message: expect.stringContaining('searchIndexRegistryExtensionPoint.addCollator'),
      },
      {
        path: 'packages/backend/src/plugins/search.ts',
        line: 8,
        message: expect.stringContaining('authProvidersExtensionPoint.registerProvider'),
      },
    ]);
  });

  it('points a permission policy at the extension point of the permission plugin', () => {
    const source = `import { createRouter } from '@backstage/plugin-permission-backend';
import { OwnersOnlyPolicy } from '../permissions/OwnersOnlyPolicy';

export default async function createPlugin(env: any) {
  return await createRouter({
    config: env.config,
    logger: env.logger,
    policy: new OwnersOnlyPolicy(),
  });
}
`;
    const result = run(source, 'packages/backend/src/plugins/permission.ts');
    expect(result.manualSteps).toEqual([
      { path: 'packages/backend/src/plugins/permission.ts', line: 5, message: expect.stringContaining('policyExtensionPoint.setPolicy') },
    ]);
    expect((result.files[0] as { source: string }).source).toContain(
      '  // TODO(forklift): a permission policy belongs in a permission module',
    );
    expect(catalogModuleTransform.matches({ path: 'src/x.ts', source: 'const policy = new Policy();' })).toBe(false);
  });

  it('keeps \\r\\n line endings in the plugin file and the new module', () => {
    const result = run(catalogFile('  catalog.addProcessor(new MyProvider());').replace(/\n/g, '\r\n'));
    expect(result.files.map((f) => f.status)).toEqual(['ok', 'created']);
    for (const outcome of result.files) expect(/[^\r]\n/.test((outcome as { source: string }).source)).toBe(false);
    expect(result.manualSteps[0].line).toBe(7);
  });

  describe("the repository's own classes get the legacy logger and cache back (backstage family)", () => {
    const withFacts = (source: string, facts: Partial<TransformContext['facts']>): TransformResult =>
      catalogModuleTransform.apply({ path: PATH, source }, { ...context(), facts: { ...context().facts, ...facts } });
    const versions = (backendCommon: string): TransformContext['facts']['versions'] => ({
      packages: {
        '@backstage/backend-common': { version: backendCommon, from: 'package-lock.json' },
        '@backstage/backend-plugin-api': { version: '0.6.18', from: 'package-lock.json' },
      },
    });
    const moduleSource = (result: TransformResult, name: string) =>
      (result.files.find((f) => f.path === `packages/backend/src/modules/${name}.ts`) as { source: string }).source;
    /** The module's text on one line, without trailing commas: the expectations do not depend on how long lines wrap. */
    const flat = (source: string) => source.replace(/,(\s*[)}\]])/g, '$1').replace(/\s+/g, ' ');
    const calls = [
      '  catalog.addProcessor(new MyProvider({ logger: env.logger, cache: env.cache }));',
      '  catalog.addEntityProvider(AcmeProvider.create(env.logger.child({ acme: true })));',
      '  catalog.addEntityProvider(GithubEntityProvider.fromConfig(env.config, { logger: env.logger }));',
    ].join('\n');
    const imports =
      "import { AcmeProvider } from '@internal/plugin-catalog-backend-module-acme/providers';\n" +
      "import { GithubEntityProvider } from '@backstage/plugin-catalog-backend-module-github';\n";
    const acmePackage = {
      name: '@internal/plugin-catalog-backend-module-acme',
      dir: 'plugins/acme',
      role: 'backend-plugin-module' as const,
      migrated: false,
    };

    it('adapts what a relative import or a workspace package takes, and leaves published classes the services', () => {
      const result = withFacts(catalogFile(calls, imports), { packages: [acmePackage], versions: versions('0.22.0') });
      const own = flat(moduleSource(result, 'catalogModuleMyProvider'));
      expect(own).toContain("import { cacheToPluginCacheManager, loggerToWinstonLogger } from '@backstage/backend-common';");
      expect(own).toContain('new MyProvider({ logger: loggerToWinstonLogger(logger), cache: cacheToPluginCacheManager(cache) })');
      expect(flat(moduleSource(result, 'catalogModuleAcmeProvider'))).toContain(
        'AcmeProvider.create(loggerToWinstonLogger(logger).child({ acme: true }))',
      );
      const published = flat(moduleSource(result, 'catalogModuleGithubEntityProvider'));
      expect(published).toContain('GithubEntityProvider.fromConfig(config, { logger })');
      expect(published).not.toContain("from '@backstage/backend-common'");
      expect(result.manualSteps.filter((s) => s.path.includes('/modules/'))).toEqual([]);
    });

    it('leaves a package that is not one of the workspace its services', () => {
      const result = withFacts(catalogFile(calls, imports), { versions: versions('0.22.0') });
      expect(flat(moduleSource(result, 'catalogModuleAcmeProvider'))).toContain('AcmeProvider.create(logger.child({ acme: true }))');
    });

    it('writes a TODO and a manual step naming the class, the field and the first version where the helper is missing', () => {
      const result = withFacts(catalogFile(calls, imports), { packages: [acmePackage], versions: versions('0.18.1') });
      const own = moduleSource(result, 'catalogModuleMyProvider');
      expect(flat(own)).toContain('new MyProvider({ logger: loggerToWinstonLogger(logger), cache })');
      const step = result.manualSteps.find((s) => s.path === 'packages/backend/src/modules/catalogModuleMyProvider.ts');
      expect(step?.message).toBe(
        '`MyProvider` (./providers) was written for the legacy `cache`, which cacheToPluginCacheManager gives from coreServices.cache, ' +
          'but @backstage/backend-common 0.18.1 has no cacheToPluginCacheManager (first in 0.18.2): upgrade @backstage/backend-common ' +
          'to 0.18.2 or later and pass `cacheToPluginCacheManager(cache)`, or change `MyProvider` to take the CacheService it gets here',
      );
      expect(own.split('\n')[step!.line - 1].trim()).toBe(`// TODO(forklift): ${step!.message}`);

      const older = withFacts(catalogFile(calls, imports), { packages: [acmePackage], versions: versions('0.17.0') });
      const acme = flat(moduleSource(older, 'catalogModuleAcmeProvider'));
      expect(acme).toContain('AcmeProvider.create(logger.child({ acme: true }))');
      expect(acme).not.toContain("from '@backstage/backend-common'");
      expect(older.manualSteps.map((s) => s.message)).toContainEqual(
        expect.stringContaining(
          '`AcmeProvider` (@internal/plugin-catalog-backend-module-acme/providers) was written for the legacy `logger`, which ' +
            'loggerToWinstonLogger gives from coreServices.logger, but @backstage/backend-common 0.17.0 has no loggerToWinstonLogger (first in 0.18.0)',
        ),
      );
    });
  });

  describe('a file that already defines a new-system feature is left alone', () => {
    const nativeCatalog = (pluginApiImport: string, creator: string) => `${pluginApiImport}
import { CatalogBuilder } from '@backstage/plugin-catalog-backend';
import { MyProvider } from './providers';

export const catalogPlugin = ${creator}({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { logger: coreServices.logger, config: coreServices.rootConfig },
      async init({ logger, config }) {
        const builder = await CatalogBuilder.create({ logger, config });
        builder.addProcessor(new MyProvider());
        builder.setProcessingIntervalSeconds(10);
        await builder.build();
      },
    });
  },
});
`;

    it.each([
      [
        'createBackendPlugin from the backstage plugin API',
        "import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';",
        'createBackendPlugin',
      ],
      [
        'an aliased createBackendPlugin from forklift/framework',
        "import { coreServices, createBackendPlugin as plugin } from 'forklift/framework';",
        'plugin',
      ],
      [
        'createBackendModule through a namespace import',
        "import * as api from '@backstage/backend-plugin-api';\nconst { coreServices } = api;",
        'api.createBackendModule',
      ],
    ])('%s', (_what, pluginApiImport, creator) => {
      const source = nativeCatalog(pluginApiImport, creator);
      expect(run(source, 'plugins/catalog-backend/src/plugin.ts')).toEqual({
        files: [{ path: 'plugins/catalog-backend/src/plugin.ts', status: 'unmodified' }],
        manualSteps: [],
      });
    });

    it('including the other builders it would point elsewhere (a vendored scaffolder plugin, CommonJS)', () => {
      const source = `const { createBackendPlugin, coreServices } = require('forklift/framework');
const { createBuiltinActions, createRouter } = require('./service');

module.exports = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: { config: coreServices.rootConfig, httpRouter: coreServices.httpRouter },
      async init({ config, httpRouter }) {
        const actions = createBuiltinActions({ config });
        httpRouter.use(await createRouter({ config, actions }));
      },
    });
  },
});
`;
      expect(run(source, 'plugins/scaffolder-backend/src/plugin.js').files).toEqual([
        { path: 'plugins/scaffolder-backend/src/plugin.js', status: 'unmodified' },
      ]);
    });

    it('but a createBackendPlugin that is not the plugin API, or only a type from it, does not make a legacy file new', () => {
      const local = catalogFile('  catalog.addProcessor(new MyProvider());', "import { createBackendPlugin } from './helpers';\n");
      expect(run(local.replace('return router;', 'return createBackendPlugin(router);')).files.map((f) => f.status)).toEqual([
        'ok',
        'created',
      ]);
      const typeOnly = catalogFile(
        '  catalog.addProcessor(new MyProvider());',
        "import type { createBackendPlugin } from 'forklift/framework';\n",
      );
      expect(run(typeOnly).files.map((f) => f.status)).toEqual(['ok', 'created']);
    });
  });

  describe('TODOs for calls that stay', () => {
    it('names the extension point method a builder call has a counterpart on', () => {
      const result = run(catalogFile("  catalog.setPlaceholderResolver('openapi', MyProvider);"));
      expect(todosOf(result)).toEqual([
        expect.stringContaining('call `catalog.addPlaceholderResolver(...)` on `catalogProcessingExtensionPoint`'),
      ]);
      expect(todosOf(result).join()).not.toContain('no extension point');
    });

    it('says so when a builder method has no counterpart', () => {
      expect(todosOf(run(catalogFile('  catalog.replaceProcessors([]);')))).toEqual([
        expect.stringContaining('offers no extension point or config for this builder method'),
      ]);
    });

    it('groups repeated steps of one shape into one TODO listing their lines, the others pointing at it', () => {
      const calls = ['A', 'B', 'C'].map(
        (id) => `  catalog.addEntityProvider(MyProvider.fromConfig(env.config, { schedule, id: '${id}' }));`,
      );
      const result = run(
        catalogFile(`  const schedule = env.scheduler.createScheduledTaskRunner({ frequency: { minutes: 30 } });\n${calls.join('\n')}`),
      );
      const steps = result.manualSteps;
      expect(steps).toHaveLength(1);
      expect(steps[0].line).toBe(8);
      expect(steps[0].message).toContain(
        'The same step applies to 3 calls: line 9 (MyProvider), line 11 (MyProvider), line 13 (MyProvider).',
      );
      const lines = (result.files[0] as { source: string }).source.split('\n');
      expect(lines[7]).toContain(steps[0].message);
      expect([lines[9], lines[11]]).toEqual([
        '  // TODO(forklift): same step as the TODO at line 8.',
        '  // TODO(forklift): same step as the TODO at line 8.',
      ]);
      expect([lines[8], lines[10], lines[12]].every((l) => l.includes('catalog.addEntityProvider('))).toBe(true);
    });

    it('keeps a call that runs only under a condition, naming it, instead of moving it into an unconditional module', () => {
      const result = run(catalogFile("  if (env.config.has('gitlab')) {\n    catalog.addEntityProvider(new MyProvider());\n  }"));
      expect(result.files.map((f) => f.status)).toEqual(['ok']);
      expect(todosOf(result)).toEqual([
        expect.stringContaining("(not moved automatically: it runs only under `if (env.config.has('gitlab'))`, and a module would add it"),
      ]);
    });

    it('names what builds a local the call uses, from the legacy code', () => {
      const result = run(
        catalogFile(
          '  const provider = MyProvider.fromConfig(env.config, { logger: env.logger });\n  catalog.addEntityProvider(provider);',
        ),
      );
      expect(todosOf(result)).toEqual([
        expect.stringContaining('`provider` is built by `MyProvider.fromConfig(...)`: make that call in the module'),
      ]);
    });
  });

  it('changes nothing once every call carries its TODO', () => {
    const first = run(catalogFile('  catalog.addProcessor(new MyProvider());\n  catalog.setProcessingIntervalSeconds(10);'));
    const again = run((first.files[0] as { source: string }).source, PATH, {
      'packages/backend/src/modules/catalogModuleMyProvider.ts': (first.files[1] as { source: string }).source,
    });
    expect(again).toEqual({ files: [{ path: PATH, status: 'unmodified' }], manualSteps: [] });
  });
});
