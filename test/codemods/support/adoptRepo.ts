/**
 * The repository `forklift plan` and `forklift adopt` run on in the adopt.*.test.ts files: a plugin in every state
 * and a bridged plugin for every reason that keeps one from its native form, committed to git. The CLI runs
 * in-process (the code bin/forklift runs), as users run it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './cli';
import { commitAll, writeFiles } from './repos';
import { makeTempDir, readTree } from './trees';

export const INDEX = 'packages/backend/src/index.ts';

export const indexText = (lines: string[]) =>
  [
    "import { createBackend } from 'forklift/framework';",
    "import { legacyPlugin } from 'forklift/legacy-bridge';",
    '',
    'const backend = createBackend();',
    ...lines,
    'backend.start();',
    '',
  ].join('\n');

export const BRIDGES = [
  "backend.add(legacyPlugin('todo', import('./plugins/todo')));",
  "backend.add(import('@acme/plugin-catalog-backend'));",
  "backend.add(legacyPlugin('settings', import('./plugins/settings')));",
  "backend.add(legacyPlugin('extra', import('./plugins/extra')));",
  "backend.add(legacyPlugin('custom', import('./plugins/custom')));",
  "backend.add(legacyPlugin('effects', import('./plugins/effects')));",
  "backend.add(legacyPlugin('options', import('./plugins/options')));",
  "backend.add(legacyPlugin('inventory', import('./plugins/inventory')));",
  "backend.add(legacyPlugin('nonative', import('./plugins/nonative')));",
];

/** A bridge file calling `createRouter` of `pkg` with `body` as its function body. */
export const bridge = (pkg: string, body: string, head = '') =>
  [`import { createRouter } from '${pkg}';`, head, 'export default async function createPlugin(env) {', body, '}', ''].join('\n');

/** A plugin package; `pluginId` gives it a native plugin with that id. */
function pluginPackage(name: string, folder: string, pluginId?: string): Record<string, string> {
  const files: Record<string, string> = {
    [`plugins/${folder}/package.json`]: JSON.stringify({ name, main: 'src/index.ts', backstage: { role: 'backend-plugin' } }),
    [`plugins/${folder}/src/service/router.ts`]: 'export async function createRouter(options) {\n  return options;\n}\n',
  };
  if (pluginId) {
    files[`plugins/${folder}/src/plugin.ts`] = [
      "import { createBackendPlugin } from 'forklift/framework';",
      `export const plugin = createBackendPlugin({ pluginId: '${pluginId}', register() {} });`,
      '',
    ].join('\n');
    files[`plugins/${folder}/src/index.ts`] = "export * from './service/router';\nexport { plugin as default } from './plugin';\n";
  } else {
    files[`plugins/${folder}/src/index.ts`] = "export * from './service/router';\n";
  }
  return files;
}

export const TODO_BRIDGE = bridge(
  '@acme/plugin-todo-backend',
  '  return await createRouter({ logger: env.logger, database: env.database });',
);

/** Writes and commits the repository in a new temporary folder; returns the folder. */
function writeAdoptRepo(): string {
  const dir = makeTempDir('adopt');
  writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'repo', private: true, workspaces: ['packages/*', 'plugins/*'] }),
    'packages/backend/package.json': JSON.stringify({ name: 'backend', main: 'src/index.ts', backstage: { role: 'backend' } }),
    [INDEX]: indexText(BRIDGES),
    'packages/backend/src/plugins/todo.ts': TODO_BRIDGE,
    'packages/backend/src/plugins/settings.ts': bridge(
      '@acme/plugin-app-settings-backend',
      '  return createRouter({ config: env.config });',
    ),
    'packages/backend/src/plugins/extra.ts': bridge(
      '@acme/plugin-extra-backend',
      '  return createRouter({ logger: env.logger }, { verbose: true });',
    ),
    'packages/backend/src/plugins/custom.ts': bridge(
      '@acme/plugin-custom-backend',
      '  return createRouter({ logger: env.logger, inventory: env.inventoryClient });',
    ),
    'packages/backend/src/plugins/effects.ts': bridge(
      '@acme/plugin-effects-backend',
      "  env.logger.info('starting effects');\n  return createRouter({ logger: env.logger });",
      "process.env.EFFECTS_MODE = 'on';",
    ),
    'packages/backend/src/plugins/options.ts': bridge(
      '@acme/plugin-options-backend',
      '  return createRouter({ logger: env.logger, enabled: true });',
    ),
    'packages/backend/src/plugins/inventory.ts': bridge(
      '@acme/plugin-inventory-backend',
      [
        '  // TODO(forklift): moved to `catalogModuleStockProcessor` in ../modules/catalogModuleStockProcessor.ts; once the backend runs the new catalog plugin, add that module to it and delete this call.',
        '  return createRouter({ logger: env.logger });',
      ].join('\n'),
    ),
    'packages/backend/src/modules/catalogModuleStockProcessor.ts': 'export default {};\n',
    'packages/backend/src/plugins/nonative.ts': bridge('@acme/plugin-nonative-backend', '  return createRouter({ logger: env.logger });'),
    'packages/old-backend/package.json': JSON.stringify({ name: 'old-backend', main: 'src/index.ts', backstage: { role: 'backend' } }),
    'packages/old-backend/src/index.ts': [
      "import { createServiceBuilder } from 'forklift/legacy-bridge';",
      "import { Router } from 'express';",
      "import search from './plugins/search';",
      'async function main() {',
      '  const apiRouter = Router();',
      "  apiRouter.use('/search', await search(createEnv('search')));",
      "  await createServiceBuilder(module).addRouter('/api', apiRouter).start();",
      '}',
      '',
    ].join('\n'),
    'packages/old-backend/src/plugins/search.ts': bridge('@acme/plugin-search-backend', '  return createRouter({ logger: env.logger });'),
    ...pluginPackage('@acme/plugin-todo-backend', 'todo-backend', 'todo'),
    ...pluginPackage('@acme/plugin-catalog-backend', 'catalog-backend', 'catalog'),
    ...pluginPackage('@acme/plugin-app-settings-backend', 'app-settings-backend', 'app-settings'),
    ...pluginPackage('@acme/plugin-extra-backend', 'extra-backend', 'extra'),
    ...pluginPackage('@acme/plugin-custom-backend', 'custom-backend', 'custom'),
    ...pluginPackage('@acme/plugin-effects-backend', 'effects-backend', 'effects'),
    ...pluginPackage('@acme/plugin-options-backend', 'options-backend', 'options'),
    ...pluginPackage('@acme/plugin-inventory-backend', 'inventory-backend', 'inventory'),
    ...pluginPackage('@acme/plugin-nonative-backend', 'nonative-backend'),
    ...pluginPackage('@acme/plugin-search-backend', 'search-backend', 'search'),
  });
  commitAll(dir);
  return dir;
}

/** A fresh repository for each test of the calling file (through jest's hooks), and what the tests read of it. */
export function useAdoptRepo() {
  let dir = '';
  beforeEach(() => {
    dir = writeAdoptRepo();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get dir(): string {
      return dir;
    },
    /** The work tree's files, without git's own. */
    workTree: () => new Map([...readTree(dir)].filter(([file]) => !file.startsWith('.git/'))),
    read: (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8'),
    async planOf(): Promise<Array<{ id: string; status: string; blockers: Array<{ kind: string; message: string }> }>> {
      const run = await runCli(['plan', dir, '--json']);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout).plugins;
    },
  };
}
