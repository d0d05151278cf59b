/**
 * `forklift plan` and `forklift adopt` on one small repository that has a plugin in every state and a bridged
 * plugin for every reason that keeps one from its native form. Runs the CLI in-process (the code bin/forklift
 * runs), on a git repository, as users do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { commitAll, git, writeFiles } from './support/repos';
import { makeTempDir, readTree, treeDifferences } from './support/trees';

let dir: string;

const INDEX = 'packages/backend/src/index.ts';

const indexText = (lines: string[]) =>
  [
    "import { createBackend } from 'forklift/framework';",
    "import { legacyPlugin } from 'forklift/legacy-bridge';",
    '',
    'const backend = createBackend();',
    ...lines,
    'backend.start();',
    '',
  ].join('\n');

const BRIDGES = [
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
const bridge = (pkg: string, body: string, head = '') =>
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

const TODO_BRIDGE = bridge('@acme/plugin-todo-backend', '  return await createRouter({ logger: env.logger, database: env.database });');

beforeEach(() => {
  dir = makeTempDir('adopt');
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
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The work tree's files, without git's own. */
const workTree = () => new Map([...readTree(dir)].filter(([file]) => !file.startsWith('.git/')));

const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

async function planOf(): Promise<Array<{ id: string; status: string; blockers: Array<{ kind: string; message: string }> }>> {
  const run = await runCli(['plan', dir, '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).plugins;
}

describe('forklift plan', () => {
  test('one line per plugin id with its state, and what blocks each bridged plugin', async () => {
    const plugins = await planOf();
    const byId = Object.fromEntries(plugins.map((p) => [p.id, p]));
    expect(Object.fromEntries(plugins.map((p) => [p.id, p.status]))).toEqual({
      search: 'legacy',
      todo: 'ready',
      catalog: 'native',
      settings: 'bridged',
      extra: 'bridged',
      custom: 'bridged',
      effects: 'bridged',
      options: 'bridged',
      inventory: 'bridged',
      nonative: 'bridged',
    });
    const kinds = (id: string) => byId[id].blockers.map((b) => b.kind).sort();
    expect(kinds('todo')).toEqual([]);
    expect(kinds('settings')).toEqual(['id-mismatch']);
    expect(byId.settings.blockers[0].message).toContain("has id 'app-settings' but the bridge serves it as 'settings'");
    expect(kinds('extra')).toEqual(['extra-arguments']);
    expect(kinds('custom')).toEqual(['custom-env-fields', 'options']);
    expect(byId.custom.blockers.find((b) => b.kind === 'custom-env-fields')!.message).toContain('`inventoryClient`');
    expect(kinds('effects')).toEqual(['side-effects', 'side-effects']);
    expect(kinds('options')).toEqual(['options']);
    expect(byId.options.blockers[0].message).toContain('the `enabled` option (`true`) would be lost');
    expect(kinds('inventory')).toEqual(['modules-needed']);
    expect(byId.inventory.blockers[0].message).toContain(
      'catalogModuleStockProcessor (packages/backend/src/modules/catalogModuleStockProcessor.ts)',
    );
    expect(kinds('nonative')).toEqual(['no-native-plugin']);

    const human = await runCli(['plan', dir]);
    expect(human.stdout).toMatch(/ready {4}todo {2}@acme\/plugin-todo-backend .*forklift adopt todo/);
    expect(human.stdout).toContain('blocked: id-mismatch:');
  });
});

describe('forklift adopt', () => {
  test('moves a ready plugin to its native entry, keeps its routes as open, and deletes the bridge file', async () => {
    const run = await runCli(['adopt', 'todo', '-C', dir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(read(INDEX)).toBe(
      indexText([
        "backend.add(import('@acme/plugin-todo-backend'));",
        "backend.add(legacyAuthModule('todo'));",
        ...BRIDGES.slice(1),
      ]).replace(
        "import { legacyPlugin } from 'forklift/legacy-bridge';",
        "import { legacyAuthModule, legacyPlugin } from 'forklift/legacy-bridge';",
      ),
    );
    expect(fs.existsSync(path.join(dir, 'packages/backend/src/plugins/todo.ts'))).toBe(false);
    expect(run.stdout).toContain('ADOPTED   todo (ready -> native)');
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('Results: 1 ok, 0 unmodified, 0 skipped, 0 errors, 0 created, 1 deleted');
    expect((await planOf()).find((p) => p.id === 'todo')!.status).toBe('native');
  });

  test('on an already native plugin, and on a second run, changes nothing and exits 0', async () => {
    const before = workTree();
    const native = await runCli(['adopt', 'catalog', '-C', dir]);
    expect(native.code).toBe(0);
    expect(native.stdout).toContain('UNCHANGED catalog: catalog is already native');
    expect(treeDifferences(workTree(), before)).toEqual([]);

    expect((await runCli(['adopt', 'todo', '-C', dir])).code).toBe(0);
    git(dir, 'commit', '-qam', 'adopt todo');
    const adopted = workTree();
    const again = await runCli(['adopt', 'todo', '-C', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('todo is already native');
    expect(treeDifferences(workTree(), adopted)).toEqual([]);
  });

  test.each([
    ['settings', 'id-mismatch', "has id 'app-settings' but the bridge serves it as 'settings'"],
    ['extra', 'extra-arguments', 'createRouter gets 2 arguments'],
    ['custom', 'custom-env-fields', 'custom environment field `inventoryClient`'],
    ['effects', 'side-effects', "createPlugin runs `env.logger.info('starting effects');`"],
    ['options', 'options', 'the `enabled` option (`true`) would be lost: pass the same setting to the native plugin'],
    ['inventory', 'modules-needed', 'it needs the module catalogModuleStockProcessor'],
    ['nonative', 'no-native-plugin', '@acme/plugin-nonative-backend has no native plugin'],
    ['search', 'legacy', 'search is still mounted by the legacy index packages/old-backend/src/index.ts: run forklift migrate first'],
    ['nothing', 'unknown', 'no backend of'],
  ])('refuses %s (%s) with exit 2, one line per reason, and writes nothing', async (id, _kind, reason) => {
    const before = workTree();
    const run = await runCli(['adopt', id, 'todo', '-C', dir]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith(`forklift: adopt ${id} refused: `))).toBe(true);
    expect(run.stderr).toContain(reason);
    expect(treeDifferences(workTree(), before)).toEqual([]);
  });

  test('effects: each side effect is its own reason line', async () => {
    const run = await runCli(['adopt', 'effects', '-C', dir]);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      "forklift: adopt effects refused: side-effects: the file runs `process.env.EFFECTS_MODE = 'on';` besides its default export",
      "forklift: adopt effects refused: side-effects: createPlugin runs `env.logger.info('starting effects');` besides returning the router",
    ]);
  });

  test('--dry and --diff show the change and write nothing; --json carries plugins, files and summary', async () => {
    const before = workTree();
    const dry = await runCli(['adopt', 'todo', '-C', dir, '--dry', '--diff']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("+backend.add(import('@acme/plugin-todo-backend'));");
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(treeDifferences(workTree(), before)).toEqual([]);

    const json = JSON.parse((await runCli(['adopt', 'todo', '-C', dir, '--dry', '--json'])).stdout);
    expect(json.plugins).toEqual([
      {
        id: 'todo',
        outcome: 'adopted',
        from: 'ready',
        to: 'native',
        reasons: [expect.stringContaining('native plugin of @acme/plugin-todo-backend')],
      },
    ]);
    expect(json.files).toEqual([
      { path: INDEX, status: 'ok', transform: 'adopt todo' },
      { path: 'packages/backend/src/plugins/todo.ts', status: 'deleted', transform: 'adopt todo' },
    ]);
    expect(json.summary).toEqual({ ok: 1, unmodified: 0, skipped: 0, errors: 0, created: 0, deleted: 1 });
  });

  test('refuses a dirty git tree unless --force', async () => {
    writeFiles(dir, { 'notes.txt': 'uncommitted\n' });
    const run = await runCli(['adopt', 'todo', '-C', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('uncommitted changes');
    expect(read('packages/backend/src/plugins/todo.ts')).toBe(TODO_BRIDGE);
    expect((await runCli(['adopt', 'todo', '-C', dir, '--force'])).code).toBe(0);
  });

  test('refuses, writing nothing, when the bridge file sits in a read-only folder', async () => {
    const plugins = path.join(dir, 'packages/backend/src/plugins');
    fs.chmodSync(plugins, 0o555);
    try {
      const before = workTree();
      const run = await runCli(['adopt', 'todo', '-C', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('the folder packages/backend/src/plugins is read-only');
      expect(treeDifferences(workTree(), before)).toEqual([]);
    } finally {
      fs.chmodSync(plugins, 0o755);
    }
  });

  test('keeps the bridge file when another file imports it', async () => {
    writeFiles(dir, { 'packages/backend/src/debug.ts': "import createTodo from './plugins/todo';\nexport { createTodo };\n" });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'debug');
    const run = await runCli(['adopt', 'todo', '-C', dir]);
    expect(run.code).toBe(0);
    expect(read('packages/backend/src/plugins/todo.ts')).toBe(TODO_BRIDGE);
    expect(run.stdout).toContain('packages/backend/src/plugins/todo.ts is kept: packages/backend/src/debug.ts still imports it');
  });

  test('--all-ready adopts exactly the ready plugins', async () => {
    const run = await runCli(['adopt', '--all-ready', '-C', dir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).plugins.map((p: { id: string; outcome: string }) => [p.id, p.outcome])).toEqual([['todo', 'adopted']]);
  });

  test('--undo puts back the exact bridged text of the index and the bridge file', async () => {
    const bridged = workTree();
    expect((await runCli(['adopt', 'todo', '-C', dir])).code).toBe(0);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'forklift adopt todo');
    const undo = await runCli(['adopt', '--undo', 'todo', '-C', dir]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('RESTORED  todo (native -> ready)');
    expect(treeDifferences(workTree(), bridged)).toEqual([]);
    expect(read(INDEX)).toBe(indexText(BRIDGES));

    const again = await runCli(['adopt', '--undo', 'todo', '-C', dir, '--force']);
    expect(again.stdout).toContain('todo already runs through the bridge');
  });

  test('--undo without git history of the bridged form refuses, naming why', async () => {
    fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    expect((await runCli(['adopt', 'todo', '-C', dir])).code).toBe(0);
    const undo = await runCli(['adopt', '--undo', 'todo', '-C', dir]);
    expect(undo.code).toBe(2);
    expect(undo.stderr).toContain('restores the bridged text from git history');
  });

  test('backstage family: no legacyAuthModule (Backstage bridges behind its default policy), the last legacyPlugin import goes, --undo brings it back', async () => {
    const backstageIndex = [
      "import { createBackend } from '@backstage/backend-defaults';",
      "import { legacyPlugin } from '@backstage/backend-common';",
      '',
      'const backend = createBackend();',
      "backend.add(legacyPlugin('todo', import('./plugins/todo')));",
      'backend.start();',
      '',
    ].join('\n');
    writeFiles(dir, { [INDEX]: backstageIndex });
    git(dir, 'commit', '-qam', 'backstage family');
    expect((await runCli(['adopt', 'todo', '-C', dir])).code).toBe(0);
    expect(read(INDEX)).toBe(
      [
        "import { createBackend } from '@backstage/backend-defaults';",
        '',
        'const backend = createBackend();',
        "backend.add(import('@acme/plugin-todo-backend'));",
        'backend.start();',
        '',
      ].join('\n'),
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'forklift adopt todo');
    expect((await runCli(['adopt', '--undo', 'todo', '-C', dir])).code).toBe(0);
    expect(read(INDEX)).toBe(backstageIndex);
    expect(read('packages/backend/src/plugins/todo.ts')).toBe(TODO_BRIDGE);
  });

  test('needs plugin ids or --all-ready', async () => {
    const run = await runCli(['adopt', '-C', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name the plugin ids to adopt');
  });
});

describe('forklift adopt on a published plugin: the entry its pinned version has', () => {
  /** A Backstage-family backend bridging the published proxy plugin, with `version` in its lock file. */
  function proxyRepo(version: string): string {
    const repo = makeTempDir('adopt-published');
    writeFiles(repo, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'package-lock.json': JSON.stringify({
        name: 'root',
        lockfileVersion: 3,
        packages: {
          '': { name: 'root', workspaces: ['packages/*'] },
          'packages/backend': { version: '0.0.0', dependencies: { '@backstage/plugin-proxy-backend': `^${version}` } },
          'node_modules/@backstage/plugin-proxy-backend': { version },
        },
      }),
      'packages/backend/package.json': JSON.stringify({
        name: 'backend',
        main: 'src/index.ts',
        backstage: { role: 'backend' },
        dependencies: { '@backstage/plugin-proxy-backend': `^${version}` },
      }),
      [INDEX]: [
        "import { createBackend } from '@backstage/backend-defaults';",
        "import { legacyPlugin } from '@backstage/backend-common';",
        '',
        'const backend = createBackend();',
        "backend.add(legacyPlugin('proxy', import('./plugins/proxy')));",
        'backend.start();',
        '',
      ].join('\n'),
      'packages/backend/src/plugins/proxy.ts': bridge(
        '@backstage/plugin-proxy-backend',
        '  return await createRouter({ logger: env.logger, config: env.config, discovery: env.discovery });',
      ),
    });
    commitAll(repo);
    return repo;
  }
  const repos: string[] = [];
  afterAll(() => repos.forEach((repo) => fs.rmSync(repo, { recursive: true, force: true })));

  test('an /alpha-line version gets the /alpha entry, a current one the root', async () => {
    for (const [version, entry] of [
      ['0.4.16', '@backstage/plugin-proxy-backend/alpha'],
      ['0.5.7', '@backstage/plugin-proxy-backend'],
    ]) {
      const repo = proxyRepo(version);
      repos.push(repo);
      const run = await runCli(['adopt', 'proxy', '-C', repo]);
      expect({ version, code: run.code }).toEqual({ version, code: 0 });
      expect(fs.readFileSync(path.join(repo, INDEX), 'utf8')).toContain(`backend.add(import('${entry}'));`);
    }
  });

  test('a version without a native plugin refuses, naming the first version that has one', async () => {
    const repo = proxyRepo('0.4.0');
    repos.push(repo);
    const run = await runCli(['adopt', 'proxy', '-C', repo]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('forklift: adopt proxy refused: no-native-plugin: @backstage/plugin-proxy-backend');
    expect(run.stderr).toContain('upgrade it to 0.4.2 or later');
  });
});

describe('forklift plan on a bridged auth plugin: what its native plugin would lose, classified by what it is', () => {
  /** A Backstage-family backend bridging the published auth plugin through `auth.ts`, with app-config's providers. */
  function authRepo(body: string, extraProviders: string[] = []): string {
    const repo = makeTempDir('plan-auth');
    writeFiles(repo, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'app-config.yaml': [
        'auth:',
        '  providers:',
        '    github:',
        '      development: {}',
        '    microsoft:',
        '      development: {}',
        ...extraProviders.flatMap((key) => [`    ${key}:`, '      development: {}']),
        '',
      ].join('\n'),
      'packages/backend/package.json': JSON.stringify({ name: 'backend', main: 'src/index.ts', backstage: { role: 'backend' } }),
      [INDEX]: [
        "import { createBackend } from '@backstage/backend-defaults';",
        "import { legacyPlugin } from '@backstage/backend-common';",
        '',
        'const backend = createBackend();',
        "backend.add(legacyPlugin('auth', import('./plugins/auth')));",
        'backend.start();',
        '',
      ].join('\n'),
      'packages/backend/src/plugins/auth.ts': bridge('@backstage/plugin-auth-backend', body),
    });
    commitAll(repo);
    return repo;
  }
  const repos: string[] = [];
  afterAll(() => repos.forEach((repo) => fs.rmSync(repo, { recursive: true, force: true })));

  async function authBlockers(body: string, extraProviders: string[] = []): Promise<Array<{ kind: string; message: string }>> {
    const repo = authRepo(body, extraProviders);
    repos.push(repo);
    const run = await runCli(['plan', repo, '--json']);
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout).plugins as Array<{ id: string; blockers: Array<{ kind: string; message: string }> }>).find(
      (p) => p.id === 'auth',
    )!.blockers;
  }

  const SIGN_IN =
    'add `@backstage/plugin-auth-backend-module-github-provider` (auth.providers.github), `@backstage/plugin-auth-backend-module-microsoft-provider` (auth.providers.microsoft)';

  test('the default sign-in providers are modules to add, named from app-config', async () => {
    const blockers = await authBlockers(
      '  return await createRouter({ logger: env.logger, config: env.config, database: env.database, discovery: env.discovery });',
    );
    expect(blockers.map((b) => b.kind)).toEqual(['modules-needed']);
    expect(blockers[0].message).toContain('the sign-in providers the legacy createRouter set up by default');
    expect(blockers[0].message).toContain(SIGN_IN);
  });

  test('a provider key no module was published for gets the custom-module way, never a made-up package name', async () => {
    const blockers = await authBlockers(
      '  return await createRouter({ logger: env.logger, config: env.config, database: env.database, discovery: env.discovery });',
      ['mc-otter'],
    );
    expect(blockers.map((b) => b.kind)).toEqual(['modules-needed']);
    expect(blockers[0].message).toContain(SIGN_IN);
    expect(blockers[0].message).not.toContain('plugin-auth-backend-module-mc-otter-provider');
    expect(blockers[0].message).toContain(
      "no published `@backstage/plugin-auth-backend-module-<provider>-provider` exists for auth.providers.mc-otter (app-config.yaml): write an auth backend module that registers it with `authProvidersExtensionPoint.registerProvider({ providerId: 'mc-otter', factory })` from `@backstage/plugin-auth-node`",
    );
  });

  test('beside an option, each loss keeps its own kind', async () => {
    const blockers = await authBlockers(
      '  return await createRouter({ logger: env.logger, config: env.config, disableDefaultProviderFactories: false });',
    );
    expect(blockers.map((b) => [b.kind, b.message.split(' would be lost')[0]])).toEqual([
      ['modules-needed', 'the sign-in providers the legacy createRouter set up by default (defaultAuthProviderFactories)'],
      ['options', 'the `disableDefaultProviderFactories` option (`false`)'],
    ]);
  });

  test('beside a finding of the bridge file, the lost sign-in providers are still named', async () => {
    const blockers = await authBlockers(
      '  return await createRouter({ logger: env.logger, config: env.config, catalog: env.catalogApi });',
    );
    expect(blockers.map((b) => b.kind).sort()).toEqual(['custom-env-fields', 'modules-needed', 'options']);
    expect(blockers.find((b) => b.kind === 'modules-needed')!.message).toContain(SIGN_IN);
  });
});
