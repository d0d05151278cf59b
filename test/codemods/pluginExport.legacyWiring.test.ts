/** plugin-export: options the legacy backend wiring passed to createRouter (legacyWiring.ts). */
import { MANIFEST, applyEntry, created } from './support/pluginExportEntry';

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
