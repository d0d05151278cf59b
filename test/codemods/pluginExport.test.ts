/**
 * plugin-export through direct `apply` calls, for what the fixtures do not show one by one: which files it
 * leaves alone and why, how it reads options types spread over files, and the file's own style. The fixture
 * pairs under test/fixtures/plugin-export run through the CLI in fixtures.test.ts.
 */
import { pluginExportTransform } from '../../codemods/transforms/pluginExport';
import { deprecateCreateRouter } from '../../codemods/transforms/pluginExport/deprecate';
import { locateCreateRouter } from '../../codemods/transforms/pluginExport/locateRouter';
import { pluginConstName, pluginIdFor } from '../../codemods/transforms/pluginExport/pluginIdentity';
import type { PackageFacts, TransformContext, TransformResult } from '../../codemods/transforms/types';

const MANIFEST = (name: string, deps: Record<string, string> = { forklift: '*' }) =>
  JSON.stringify({ name, backstage: { role: 'backend-plugin' }, dependencies: deps });

const WINSTON_ROUTER = `import { Config } from 'forklift/legacy-bridge';
import express from 'express';
import { Logger } from 'winston';

export interface RouterOptions {
  logger: Logger;
  config: Config;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  return express.Router();
}
`;

function contextOf(files: Record<string, string>, extra: Partial<TransformContext> = {}, packages?: PackageFacts[]): TransformContext {
  return {
    root: '/repo',
    facts: { packages: packages ?? [], pluginIdsByPackage: {} },
    readFile: (path) => files[path],
    ...extra,
  };
}

function applyEntry(files: Record<string, string>, extra: Partial<TransformContext> = {}, packages?: PackageFacts[]): TransformResult {
  const file = { path: 'src/index.ts', source: files['src/index.ts'] };
  expect(pluginExportTransform.matches(file)).toBe(true);
  return pluginExportTransform.apply(file, contextOf(files, extra, packages));
}

const created = (result: TransformResult, path = 'src/plugin.ts') => {
  const outcome = result.files.find((f) => f.path === path);
  if (!outcome || outcome.status !== 'created') throw new Error(`expected ${path} to be created, got ${JSON.stringify(result.files)}`);
  return outcome.source;
};

describe('plugin ids and names', () => {
  const ctx = (mounted: Record<string, string> = {}) => contextOf({}, { facts: { packages: [], pluginIdsByPackage: mounted } });

  it('strips scope, plugin- prefix and -backend suffix from the package name', () => {
    const id = (name: string) => pluginIdFor({ name, dir: '', dependencies: [] }, ctx());
    expect(id('@internal/plugin-todo-backend')).toBe('todo');
    expect(id('@roadiehq/backstage-plugin-aws-backend')).toBe('aws');
    expect(id('plugin-tech-insights-backend')).toBe('tech-insights');
    expect(id('jenkins-backend')).toBe('jenkins');
  });

  it('prefers the id the repository backend mounts the package under', () => {
    expect(
      pluginIdFor({ name: '@acme/plugin-k8s-backend', dir: '', dependencies: [] }, ctx({ '@acme/plugin-k8s-backend': 'kubernetes' })),
    ).toBe('kubernetes');
  });

  it('names the export after the id in camel case', () => {
    expect(pluginConstName('tech-insights')).toBe('techInsightsPlugin');
    expect(pluginConstName('todo')).toBe('todoPlugin');
  });
});

describe('TODOs that point somewhere', () => {
  it('does not send the reader to "the services above" when the deps hold none', () => {
    const router = `import express from 'express';
import { TodoStore } from './store';

export interface RouterOptions {
  store: TodoStore;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  return express.Router();
}
`;
    const result = applyEntry({
      'package.json': MANIFEST('@acme/plugin-todo-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': router,
    });
    const source = created(result);
    expect(source).not.toContain('build it from the services above');
    expect(result.manualSteps).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('add the core services it is built from to deps (or give it a service ref with a defaultFactory)'),
      }),
    ]);
  });
});

describe('files it leaves alone', () => {
  it('only matches package entries', () => {
    expect(pluginExportTransform.matches({ path: 'src/service/router.ts', source: 'export function createRouter() {}' })).toBe(false);
    expect(pluginExportTransform.matches({ path: 'plugins/x-backend/src/index.ts', source: "export * from './a';" })).toBe(true);
  });

  it('ignores a backend package entry', () => {
    const files = { 'src/index.ts': "export * from './service/router';\n", 'src/service/router.ts': WINSTON_ROUTER };
    const result = applyEntry(files, {}, [{ name: 'backend', dir: '', role: 'backend', entry: 'src/index.ts', migrated: false }]);
    expect(result.files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('ignores an entry that exports no createRouter', () => {
    const files = { 'package.json': MANIFEST('@internal/plugin-x-backend'), 'src/index.ts': "export const version = '1';\n" };
    expect(applyEntry(files).files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('leaves a package alone when any file the entry reaches already creates a backend plugin', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\nexport { xPlugin } from './alpha';\n",
      'src/alpha.ts': "export { xPlugin } from './wiring/xPlugin';\n",
      'src/wiring/xPlugin.ts':
        "import { createBackendPlugin } from 'forklift/framework';\nexport const xPlugin = createBackendPlugin({ pluginId: 'x', register() {} });\n",
      'src/service/router.ts': WINSTON_ROUTER,
    };
    expect(applyEntry(files).files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('trusts the analysis when it says the package is migrated', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': WINSTON_ROUTER,
    };
    const packages: PackageFacts[] = [
      { name: '@internal/plugin-x-backend', dir: '', role: 'backend-plugin', entry: 'src/index.ts', migrated: true },
    ];
    expect(applyEntry(files, {}, packages).files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('skips with a manual step when src/plugin.ts exists but is something else', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': WINSTON_ROUTER,
      'src/plugin.ts': 'export const pluginName = "x";\n',
    };
    const result = applyEntry(files);
    expect(result.files).toEqual([{ path: 'src/index.ts', status: 'skipped', message: 'src/plugin.ts already exists' }]);
    expect(result.manualSteps).toEqual([
      { path: 'src/plugin.ts', line: 1, message: expect.stringContaining('holds no createBackendPlugin') },
    ]);
  });

  it('skips with a manual step when the entry already has a default export', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "import { createRouter } from './service/router';\nexport { createRouter };\nexport default createRouter;\n",
      'src/service/router.ts': WINSTON_ROUTER,
    };
    const result = applyEntry(files);
    expect(result.files[0]).toMatchObject({ status: 'skipped', message: 'the entry already has a default export' });
    expect(result.manualSteps).toHaveLength(1);
  });

  it('skips when the options type cannot be found, naming it', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts':
        "import { RouterOptions } from './missing';\nexport async function createRouter(options: RouterOptions) { return null as any; }\n",
    };
    const result = applyEntry(files);
    expect(result.files[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('could not find the declaration of `RouterOptions`'),
    });
    expect(result.manualSteps).toEqual([
      { path: 'src/service/router.ts', line: 2, message: expect.stringContaining('write src/plugin.ts') },
    ]);
  });
});

describe('reading createRouter', () => {
  it('follows an interface that extends another and an intersection declared in other files', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-reports-backend'),
      'src/index.ts': "export { createRouter } from './router';\n",
      'src/router.ts': `import type { ReportOptions } from './options';
export const createRouter = async (options: ReportOptions & { cache: PluginCacheManager }) => ({ router: null as any });
import { PluginCacheManager } from 'forklift/legacy-bridge';
`,
      'src/options.ts': "export * from './base';\n",
      'src/base.ts': `import { Logger } from 'winston';
import type { UrlReader } from 'forklift/legacy-bridge';
interface Base { logger: Logger }
export interface ReportOptions extends Base { reader: UrlReader; title?: string }
`,
    };
    const plugin = created(applyEntry(files));
    expect(plugin).toContain("import {\n  cacheToPluginCacheManager,\n  loggerToWinstonLogger,\n} from 'forklift/legacy-bridge';");
    expect(plugin).toContain('reader: coreServices.urlReader,');
    expect(plugin).toContain('cache: cacheToPluginCacheManager(cache),');
    expect(plugin).toContain('const { router } = await createRouter({');
    expect(plugin).not.toContain('title');
  });

  it('writes the new file in the style of the package: double quotes, four spaces, no semicolons', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': 'export * from "./service/router"\n',
      'src/service/router.ts': `import { Logger } from "winston"

export interface RouterOptions {
    logger: Logger
}

export function createRouter(options: RouterOptions) {
    return null as any
}
`,
    };
    const result = applyEntry(files);
    expect(created(result)).toBe(`import { coreServices, createBackendPlugin } from "forklift/framework"
import { loggerToWinstonLogger } from "forklift/legacy-bridge"
import { createRouter } from "./service/router"

export const xPlugin = createBackendPlugin({
    pluginId: "x",
    register(env) {
        env.registerInit({
            deps: {
                logger: coreServices.logger,
                httpRouter: coreServices.httpRouter,
            },
            async init({ logger, httpRouter }) {
                httpRouter.use(
                    createRouter({ logger: loggerToWinstonLogger(logger) }),
                )
            },
        })
    },
})
`);
    expect(result.files[0]).toEqual({
      path: 'src/index.ts',
      status: 'ok',
      source: 'export * from "./service/router"\nexport { xPlugin as default } from "./plugin"\n',
    });
  });

  it('does not mark createRouter twice when it is already deprecated', () => {
    const router = WINSTON_ROUTER.replace('export async function', '/** @deprecated use the plugin */\nexport async function');
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': router,
    };
    const result = applyEntry(files);
    expect(result.files.map((f) => [f.path, f.status])).toEqual([
      ['src/index.ts', 'ok'],
      ['src/plugin.ts', 'created'],
    ]);
  });

  it('takes the family from package.json when the code imports neither', () => {
    const router = "import { Logger } from 'winston';\nexport function createRouter(options: { logger: Logger }) { return null as any; }\n";
    const files = {
      'package.json': MANIFEST('@acme/plugin-x-backend', { '@backstage/backend-common': '^0.19.0' }),
      'src/index.ts': "export * from './router';\n",
      'src/router.ts': router,
    };
    expect(created(applyEntry(files))).toContain("from '@backstage/backend-plugin-api';");
    expect(created(applyEntry(files, { target: 'forklift' }))).toContain("from 'forklift/framework';");
  });

  it('throws on an entry that does not parse, so the runner reports it', () => {
    const files = { 'package.json': MANIFEST('@internal/plugin-x-backend'), 'src/index.ts': 'export * from ;\n' };
    expect(() => applyEntry(files)).toThrow();
  });
});

describe('marking createRouter deprecated', () => {
  const mark = (source: string) => {
    const decl = locateCreateRouter('src/router.ts', source, () => undefined);
    if (!decl) throw new Error('createRouter not found');
    return deprecateCreateRouter(decl, 'NOTE');
  };

  it.each([
    ['no doc comment', 'export function createRouter() {}\n', '/** @deprecated NOTE */\nexport function createRouter() {}\n'],
    [
      'a one-line description',
      '/** Serves. */\nexport function createRouter() {}\n',
      '/**\n * Serves.\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'a one-line tag',
      '/** @public */\nexport function createRouter() {}\n',
      '/**\n * @public\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'a block ending in prose',
      '/**\n * Serves.\n */\nexport function createRouter() {}\n',
      '/**\n * Serves.\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'a block ending in tags',
      '/**\n * Serves.\n *\n * @public\n */\nexport function createRouter() {}\n',
      '/**\n * Serves.\n *\n * @public\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'an arrow function',
      '  /** Serves. */\n  export const createRouter = async () => null;\n',
      '  /**\n   * Serves.\n   * @deprecated NOTE\n   */\n  export const createRouter = async () => null;\n',
    ],
  ])('adds the tag to %s', (_what, before, after) => {
    expect(mark(before)).toBe(after);
  });

  it('leaves a licence header above the doc comment alone', () => {
    const source =
      "/*\n * Copyright 2021 The Authors\n */\nimport express from 'express';\n\nexport function createRouter() { return express.Router(); }\n";
    expect(mark(source)).toBe(source.replace('export function', '/** @deprecated NOTE */\nexport function'));
  });
});

describe('line endings and byte-order marks', () => {
  it('keeps a BOM where it was and marks the right line', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "\uFEFFexport * from './service/router';\n",
      'src/service/router.ts': `\uFEFF${WINSTON_ROUTER}`,
    };
    const result = applyEntry(files);
    const router = result.files.find((f) => f.path === 'src/service/router.ts') as { source: string };
    expect(router.source).toBe(
      `\uFEFF${WINSTON_ROUTER.replace('export async function', `/** @deprecated Install the plugin in the new backend system instead: \`backend.add(import('@internal/plugin-x-backend'))\`. */\nexport async function`)}`,
    );
    expect((result.files[0] as { source: string }).source.startsWith('\uFEFFexport * from')).toBe(true);
    expect(created(result).startsWith('import')).toBe(true);
  });

  it('keeps \\r\\n files in \\r\\n, new file included', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': crlf("export * from './service/router';\n"),
      'src/service/router.ts': crlf(WINSTON_ROUTER),
    };
    const result = applyEntry(files);
    expect(result.files.map((f) => f.status)).toEqual(['ok', 'ok', 'created']);
    for (const outcome of result.files) {
      const source = (outcome as { source: string }).source;
      expect({ path: outcome.path, loneLf: /[^\r]\n/.test(source) }).toEqual({ path: outcome.path, loneLf: false });
    }
    expect((result.files[0] as { source: string }).source).toBe(
      crlf("export * from './service/router';\nexport { xPlugin as default } from './plugin';\n"),
    );
  });
});

describe('options the legacy wiring passed (legacyWiring.ts)', () => {
  const ROUTER = `import { Config } from 'forklift/legacy-bridge';
import express from 'express';
import { BadgeFactories } from './badges';

export interface RouterOptions {
  config: Config;
  badgeFactories?: BadgeFactories;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  return express.Router();
}
`;
  const BADGES =
    'export type BadgeFactories = Record<string, unknown>;\nexport const createDefaultBadgeFactories = (): BadgeFactories => ({});\n';
  const PKG = '@acme/plugin-badges-backend';

  /** The plugin package at the root, and one backend plugin file per `wiring` entry (`path` -> its createRouter options). */
  function wiredRun(wiring: Record<string, string>, head = '', family: 'forklift' | 'backstage' = 'forklift') {
    const files: Record<string, string> = {
      'package.json': MANIFEST(PKG),
      'src/index.ts': "export * from './router';\nexport * from './badges';\n",
      'src/router.ts': ROUTER,
      'src/badges.ts': BADGES,
    };
    for (const [path, options] of Object.entries(wiring)) {
      files[path] = [
        `import { createRouter, createDefaultBadgeFactories } from '${PKG}';`,
        head,
        'export default async function createPlugin(env) {',
        `  return await createRouter({ config: env.config, ${options} });`,
        '}',
        '',
      ].join('\n');
    }
    const facts = { packages: [], pluginIdsByPackage: { [PKG]: 'badges' }, legacyPluginFiles: { [PKG]: Object.keys(wiring) } };
    const result = applyEntry(files, { facts, target: family });
    return { source: created(result), steps: result.manualSteps.map((s) => s.message) };
  }

  test('the same expression at every call site is carried once, with its import from the declaring file', () => {
    const { source, steps } = wiredRun({
      'backend-a/src/plugins/badges.ts': 'badgeFactories: createDefaultBadgeFactories()',
      'backend-b/src/plugins/badges.ts': 'badgeFactories: createDefaultBadgeFactories()',
    });
    expect(steps).toEqual([]);
    expect(source).toContain("import { createDefaultBadgeFactories } from './badges';");
    expect(source).toContain('badgeFactories: createDefaultBadgeFactories()');
  });

  test('different values per backend: a TODO lists each site, nothing is guessed', () => {
    const { source, steps } = wiredRun({
      'backend-a/src/plugins/badges.ts': 'badgeFactories: createDefaultBadgeFactories()',
      'backend-b/src/plugins/badges.ts': 'badgeFactories: {}',
    });
    expect(source).not.toContain('badgeFactories:');
    expect(steps).toEqual([
      'the legacy wiring set `badgeFactories` differently per backend (backend-a/src/plugins/badges.ts:4: `createDefaultBadgeFactories()`; backend-b/src/plugins/badges.ts:4: `{}`); the one plugin serves them all, so choose the value and pass it to createRouter here.',
    ]);
  });

  test('a value that reads a custom env field, or imports a file of the backend, is named with where it was set', () => {
    const custom = wiredRun({ 'backend/src/plugins/badges.ts': 'badgeFactories: env.badgeRegistry.factories()' });
    expect(custom.steps).toEqual([
      'the legacy wiring set `badgeFactories` to `env.badgeRegistry.factories()` (backend/src/plugins/badges.ts:4), which cannot be carried here: `badgeRegistry` of the legacy env has no service of that shape in the new backend; pass the same value to createRouter here.',
    ]);
    const relative = wiredRun(
      { 'backend/src/plugins/badges.ts': 'badgeFactories: ownFactories()' },
      "import { ownFactories } from '../badges/own';",
    );
    expect(relative.steps[0]).toContain('it uses `ownFactories`, imported from a file of the backend (`../badges/own`)');
  });

  test('the token manager: the forklift bridge ref in the forklift family, a TODO in the backstage family', () => {
    const forklift = wiredRun({ 'backend/src/plugins/badges.ts': 'badgeFactories: createDefaultBadgeFactories(env.tokenManager)' });
    expect(forklift.steps).toEqual([]);
    expect(forklift.source).toContain('tokenManager: legacyTokenManagerServiceRef,');
    expect(forklift.source).toContain('badgeFactories: createDefaultBadgeFactories(tokenManager)');
    const backstage = wiredRun(
      { 'backend/src/plugins/badges.ts': 'badgeFactories: createDefaultBadgeFactories(env.tokenManager)' },
      '',
      'backstage',
    );
    expect(backstage.steps[0]).toContain('`tokenManager` of the legacy env has no service of that shape in the new backend');
  });

  test('options spread from elsewhere: a TODO says the option may have been set', () => {
    const { steps } = wiredRun({ 'backend/src/plugins/badges.ts': '...env.badgeOptions' });
    expect(steps).toEqual([
      'the legacy wiring (backend/src/plugins/badges.ts:4) spreads `...env.badgeOptions` into its options, so forklift cannot tell whether it set `badgeFactories`; if it did, pass the same value to createRouter here.',
    ]);
  });

  test('an arrow plugin file whose body is the call, and a value that is a custom env field itself', () => {
    const files: Record<string, string> = {
      'package.json': MANIFEST(PKG),
      'src/index.ts': "export * from './router';\nexport * from './badges';\n",
      'src/router.ts': ROUTER,
      'src/badges.ts': BADGES,
      'backend/src/plugins/badges.ts': [
        `import { createRouter } from '${PKG}';`,
        'const createPlugin = async (env) => createRouter({ config: env.config, badgeFactories: env.badgeFactories });',
        'export default createPlugin;',
        '',
      ].join('\n'),
    };
    const facts = {
      packages: [],
      pluginIdsByPackage: { [PKG]: 'badges' },
      legacyPluginFiles: { [PKG]: ['backend/src/plugins/badges.ts'] },
    };
    expect(applyEntry(files, { facts }).manualSteps.map((s) => s.message)).toEqual([
      'the legacy wiring set `badgeFactories` to `env.badgeFactories` (backend/src/plugins/badges.ts:2), which cannot be carried here: `badgeFactories` of the legacy env has no service of that shape in the new backend; pass the same value to createRouter here.',
    ]);
  });

  test('the logger read in a value keeps the winston type the legacy env had', () => {
    const { source } = wiredRun({ 'backend/src/plugins/badges.ts': 'badgeFactories: createDefaultBadgeFactories(env.logger)' });
    expect(source).toContain('badgeFactories: createDefaultBadgeFactories(loggerToWinstonLogger(logger))');
    expect(source).toContain('logger: coreServices.logger,');
  });
});
