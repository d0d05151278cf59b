/** Repository analysis: packages and roles, entries, the migrated check, plugin ids from mounts, gitignore. */
import fs from 'node:fs';
import { analyzeRepository, isMigratedPackage, listRepositoryFiles } from '../../codemods/analysis';
import { writeFiles } from './support/repos';
import { makeTempDir } from './support/trees';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('analysis');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const LEGACY_INDEX = [
  "import { createServiceBuilder, useHotMemoize } from '@backstage/backend-common';",
  "import todo from './plugins/todo';",
  "import kube from './plugins/kubernetes';",
  'async function main() {',
  "  const todoEnv = useHotMemoize(module, () => createEnv('todo-list'));",
  "  apiRouter.use('/todos', await todo(todoEnv));",
  "  apiRouter.use('/kubernetes', await kube(createEnv('kube')));",
  "  const service = createServiceBuilder(module).addRouter('/api', apiRouter);",
  '  await service.start();',
  '}',
  '',
].join('\n');

function monorepo(extra: Record<string, string> = {}) {
  writeFiles(dir, {
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: { packages: ['packages/*', 'plugins/*'] } }),
    'packages/backend/package.json': JSON.stringify({ name: 'backend', main: 'dist/index.cjs.js' }),
    'packages/backend/src/index.ts': LEGACY_INDEX,
    'packages/backend/src/plugins/todo.ts':
      "import { createRouter } from '@acme/plugin-todo-backend';\nexport default async function createPlugin(env) {\n  return await createRouter({ logger: env.logger });\n}\n",
    'packages/backend/src/plugins/kubernetes.ts':
      "import { KubernetesBuilder } from '@backstage/plugin-kubernetes-backend';\nexport default async function createPlugin(env) {\n  const { router } = await KubernetesBuilder.createBuilder({ logger: env.logger }).build();\n  return router;\n}\n",
    'plugins/todo-backend/package.json': JSON.stringify({ name: '@acme/plugin-todo-backend', main: 'src/index.ts' }),
    'plugins/todo-backend/src/index.ts': "export * from './service/router';\n",
    'plugins/todo-backend/src/service/router.ts': 'export async function createRouter() {}\n',
    // standaloneServer calls createServiceBuilder too, yet the package is a plugin by its name.
    'plugins/todo-backend/src/service/standaloneServer.ts': "createServiceBuilder(module).addRouter('/todo', router);\n",
    'plugins/notes-backend/package.json': JSON.stringify({
      name: '@acme/plugin-notes-backend',
      backstage: { role: 'backend-plugin' },
      types: 'src/index.ts',
    }),
    'plugins/notes-backend/src/index.ts': "export * from './service/router';\nexport { notesPlugin as default } from './plugin';\n",
    'plugins/notes-backend/src/plugin.ts':
      "import { createBackendPlugin } from '@backstage/backend-plugin-api';\nexport const notesPlugin = createBackendPlugin({ pluginId: 'notes', register() {} });\n",
    'plugins/web/package.json': JSON.stringify({ name: '@acme/plugin-web', backstage: { role: 'frontend-plugin' } }),
    'plugins/web/src/index.ts': 'export const x = 1;\n',
    'docs/package.json': JSON.stringify({ name: 'docs-not-a-workspace' }),
    ...extra,
  });
}

test('finds workspace packages with their roles and source entries', () => {
  monorepo();
  const { facts } = analyzeRepository(dir);
  expect(facts.packages.map(({ name, dir: d, role, entry }) => ({ name, dir: d, role, entry }))).toEqual([
    { name: 'backend', dir: 'packages/backend', role: 'backend', entry: 'packages/backend/src/index.ts' },
    {
      name: '@acme/plugin-notes-backend',
      dir: 'plugins/notes-backend',
      role: 'backend-plugin',
      entry: 'plugins/notes-backend/src/index.ts',
    },
    { name: '@acme/plugin-todo-backend', dir: 'plugins/todo-backend', role: 'backend-plugin', entry: 'plugins/todo-backend/src/index.ts' },
    { name: '@acme/plugin-web', dir: 'plugins/web', role: 'other', entry: 'plugins/web/src/index.ts' },
  ]);
});

test('a package is migrated when its entry default-exports a createBackendPlugin value, read through one re-export', () => {
  monorepo();
  const { facts } = analyzeRepository(dir);
  const migrated = Object.fromEntries(facts.packages.map((p) => [p.name, p.migrated]));
  expect(migrated).toMatchObject({ '@acme/plugin-notes-backend': true, '@acme/plugin-todo-backend': false, backend: false });
});

test.each([
  [
    'a direct default export',
    { 'src/index.ts': "import { createBackendPlugin } from 'x';\nexport default createBackendPlugin({ pluginId: 'a', register() {} });\n" },
    true,
  ],
  [
    'an imported binding exported as default',
    {
      'src/index.ts': "import { aPlugin } from './plugin';\nexport default aPlugin;\n",
      'src/plugin.ts': "export const aPlugin = createBackendPlugin({ pluginId: 'a', register() {} });\n",
    },
    true,
  ],
  [
    'a local binding re-exported as default',
    { 'src/index.ts': "const p = createBackendPlugin({ pluginId: 'a', register() {} });\nexport { p as default };\n" },
    true,
  ],
  ['a default that is something else', { 'src/index.ts': 'export default function createRouter() {}\n' }, false],
  [
    'a plugin that is not the default',
    { 'src/index.ts': "export const p = createBackendPlugin({ pluginId: 'a', register() {} });\n" },
    false,
  ],
  ['an entry that does not parse', { 'src/index.ts': 'export default createBackendPlugin({ \n' }, false],
])('migrated check: %s', (_name, files, expected) => {
  writeFiles(dir, { 'package.json': JSON.stringify({ name: '@acme/plugin-a-backend' }), ...files });
  expect(analyzeRepository(dir).facts.packages[0].migrated).toBe(expected);
});

test('plugin ids come from the mount paths, resolved through the local plugin files to their packages', () => {
  monorepo();
  const analysis = analyzeRepository(dir);
  expect(analysis.facts.pluginIdsByPackage).toEqual({
    '@acme/plugin-todo-backend': 'todos',
    '@backstage/plugin-kubernetes-backend': 'kubernetes',
  });
  expect(analysis.legacyBackendFiles).toEqual(['packages/backend/src/index.ts']);
  expect(analysis.mounts.map((m) => [m.pluginId, m.localPluginFile, m.packageName])).toEqual([
    ['todos', 'packages/backend/src/plugins/todo.ts', '@acme/plugin-todo-backend'],
    ['kubernetes', 'packages/backend/src/plugins/kubernetes.ts', '@backstage/plugin-kubernetes-backend'],
  ]);
});

test('isMigratedPackage reads local packages and falls back to the table of published ones', () => {
  monorepo();
  const { facts } = analyzeRepository(dir);
  expect(isMigratedPackage(facts, '@acme/plugin-notes-backend')).toBe(true);
  expect(isMigratedPackage(facts, '@acme/plugin-todo-backend')).toBe(false);
  expect(isMigratedPackage(facts, '@backstage/plugin-catalog-backend')).toBe(true);
  expect(isMigratedPackage(facts, '@backstage/plugin-catalog-backend/alpha')).toBe(true);
  expect(isMigratedPackage(facts, '@someone/plugin-unknown-backend')).toBe(false);
});

test('a backend is recognised from its code when there is no package.json at all', () => {
  writeFiles(dir, {
    'packages/backend/src/index.ts': LEGACY_INDEX,
    'packages/backend/src/plugins/todo.ts': 'export default async function () {}\n',
  });
  const { facts, legacyBackendFiles } = analyzeRepository(dir);
  expect(facts.packages).toEqual([
    { name: 'backend', dir: 'packages/backend', role: 'backend', entry: 'packages/backend/src/index.ts', migrated: false },
  ]);
  expect(legacyBackendFiles).toEqual(['packages/backend/src/index.ts']);
});

test('file listing respects nested .gitignore files, skips node_modules and dist, and lists links without following them', () => {
  writeFiles(dir, {
    '.gitignore': 'generated/\n*.local.ts\n',
    'src/a.ts': '',
    'src/b.local.ts': '',
    'generated/x.ts': '',
    'pkg/.gitignore': 'out/\n',
    'pkg/out/y.ts': '',
    'pkg/src/z.tsx': '',
    'node_modules/m/index.js': '',
    'dist/index.js': '',
    'templates/t.ts.hbs': '',
    'README.md': '',
  });
  fs.symlinkSync('/etc', `${dir}/src/etc-link`);
  fs.symlinkSync('/etc/hostname', `${dir}/src/host.ts`);
  const listed = listRepositoryFiles(dir).filter((e) => e.kind !== 'other');
  expect(listed).toEqual([
    { path: 'pkg/src/z.tsx', kind: 'source' },
    { path: 'src/a.ts', kind: 'source' },
    { path: 'src/host.ts', kind: 'symlink' },
    { path: 'templates/t.ts.hbs', kind: 'template' },
  ]);
});

test('a package.json that is not JSON is reported naming the file', () => {
  writeFiles(dir, { 'package.json': '{ "name": ' });
  expect(() => analyzeRepository(dir)).toThrow(/package\.json.*Fix the JSON/);
});
