/**
 * The CLI contract of codemods/README.md: exit codes, the JSON shape, the Results line, --dry, --diff, --only,
 * the dirty-tree refusal and --force. Runs `main` in-process (the code bin/forklift runs), with small
 * test transforms; one test spawns the real entry through tsx.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, runMigrateJson } from './support/cli';
import { commitAll, TEST_TRANSFORMS, writeFiles } from './support/repos';
import { makeTempDir, readTree, treeDifferences } from './support/trees';

const overrides = { transformsModule: TEST_TRANSFORMS };
let dir: string;

beforeEach(() => {
  dir = makeTempDir('cli');
  writeFiles(dir, {
    'package.json': '{ "name": "demo" }\n',
    'src/a.ts': 'export const a = legacyCall(1);\n',
    'src/b.ts': 'export const b = 2;\n',
    'src/help.ts': 'needsHelp();\n',
    'src/split/index.ts': 'export function splitMe() {\n  return 1;\n}\n',
    'src/old.ts': '// deleteMe\nexport {};\n',
  });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('forklift migrate', () => {
  test('--json prints exactly one object with files, summary and manualSteps, and exits 0', async () => {
    const { code, report, stderr } = await runMigrateJson([dir], overrides);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(Object.keys(report).sort()).toEqual(['files', 'manualSteps', 'summary']);
    expect(Object.keys(report.summary).sort()).toEqual(['created', 'deleted', 'errors', 'ok', 'skipped', 'unmodified']);
    for (const file of report.files) {
      expect(Object.keys(file).every((k) => ['path', 'status', 'transform', 'message'].includes(k))).toBe(true);
    }
    const byPath = Object.fromEntries(report.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['src/a.ts']).toEqual({ path: 'src/a.ts', status: 'ok', transform: 'rename-call' });
    expect(byPath['src/b.ts']).toEqual({ path: 'src/b.ts', status: 'unmodified', transform: '' });
    expect(byPath['src/split/split.ts']).toEqual({ path: 'src/split/split.ts', status: 'created', transform: 'split-out' });
    expect(byPath['src/old.ts']).toEqual({ path: 'src/old.ts', status: 'deleted', transform: 'delete-marked' });
    expect(report.summary).toEqual({ ok: 3, unmodified: 1, skipped: 0, errors: 0, created: 1, deleted: 1 });
    expect(report.manualSteps).toEqual([{ path: 'src/help.ts', line: 1, message: 'decide what needsHelp becomes' }]);
    expect(fs.readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe('export const a = modernCall(1);\n');
    expect(fs.existsSync(path.join(dir, 'src/old.ts'))).toBe(false);
  });

  test('human output lists changes and manual steps and ends with the Results line', async () => {
    const { code, stdout } = await runCli(['migrate', dir], overrides);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('Results: 3 ok, 1 unmodified, 0 skipped, 0 errors, 1 created, 1 deleted');
    expect(stdout).toContain('src/a.ts');
    expect(stdout).toContain('src/help.ts:1  decide what needsHelp becomes');
  });

  test('a file that errors gives exit 1 and the run goes on', async () => {
    writeFiles(dir, { 'src/boom.ts': 'explodeHere();\n', 'src/broken.ts': 'legacyCall(;\n' });
    const { code, report } = await runMigrateJson([dir], overrides);
    expect(code).toBe(1);
    const byPath = Object.fromEntries(report.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['src/boom.ts']).toMatchObject({ status: 'error', transform: 'exploding' });
    expect(byPath['src/boom.ts'].message).toContain('exploded on purpose');
    expect(byPath['src/broken.ts']).toMatchObject({ status: 'error', transform: 'rename-call' });
    expect(byPath['src/broken.ts'].message).toMatch(/^line 1, column \d+: /);
    expect(byPath['src/a.ts'].status).toBe('ok');
    expect(report.summary.errors).toBe(2);
  });

  test('an output that would not parse is an error, and the file is left as it was', async () => {
    writeFiles(dir, { 'src/fragile.ts': 'export const breakMe = 1;\n' });
    const { code, report } = await runMigrateJson([dir], overrides);
    expect(code).toBe(1);
    const fragile = report.files.find((f: { path: string }) => f.path === 'src/fragile.ts');
    expect(fragile).toMatchObject({ status: 'error', transform: 'breaking' });
    expect(fragile.message).toContain('would not parse');
    expect(fs.readFileSync(path.join(dir, 'src/fragile.ts'), 'utf8')).toBe('export const breakMe = 1;\n');
  });

  test('two changes to one file in a run: the second is refused, not lost, and a rerun applies it', async () => {
    // a.ts changes b.ts as a side output; b.ts's own rewrite was computed from the same starting text.
    writeFiles(dir, { 'src/pair/a.ts': "touchSibling('b.ts');\n", 'src/pair/b.ts': 'export const b = legacyCall(1);\n' });
    const first = await runMigrateJson([dir], { ...overrides, workers: 0 });
    expect(first.code).toBe(1);
    const b = first.report.files.find((f: { path: string }) => f.path === 'src/pair/b.ts');
    expect(b).toMatchObject({ status: 'error', transform: 'rename-call' });
    expect(b.message).toContain('already changed in this run by touch-sibling');
    expect(fs.readFileSync(path.join(dir, 'src/pair/b.ts'), 'utf8')).toBe('export const b = legacyCall(1);\n// touched\n');

    const second = await runMigrateJson([dir], { ...overrides, workers: 0 });
    expect(second.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/pair/b.ts'), 'utf8')).toBe('export const b = modernCall(1);\n// touched\n');
  });

  test('--dry reports what would change and writes nothing', async () => {
    const before = readTree(dir);
    const { code, report } = await runMigrateJson([dir, '--dry'], overrides);
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ ok: 3, created: 1, deleted: 1 });
    expect(treeDifferences(readTree(dir), before)).toEqual([]);
    const human = await runCli(['migrate', dir, '--dry'], overrides);
    expect(human.stdout).toContain('Dry run: nothing was written.');
    expect(treeDifferences(readTree(dir), before)).toEqual([]);
  });

  test('--diff prints unified diffs of changed, created and deleted files', async () => {
    const { stdout } = await runCli(['migrate', dir, '--diff', '--dry'], overrides);
    expect(stdout).toContain('--- a/src/a.ts\n+++ b/src/a.ts\n');
    expect(stdout).toContain('-export const a = legacyCall(1);\n+export const a = modernCall(1);\n');
    expect(stdout).toContain('--- /dev/null\n+++ b/src/split/split.ts\n');
    expect(stdout).toContain('--- a/src/old.ts\n+++ /dev/null\n');
  });

  test('--only runs the named transforms alone; an unknown name is bad usage (exit 2)', async () => {
    const { report } = await runMigrateJson([dir, '--only', 'split-out'], overrides);
    expect(report.summary).toMatchObject({ ok: 1, created: 1, deleted: 0 });
    expect(fs.readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toContain('legacyCall');

    const unknown = await runCli(['migrate', dir, '--only', 'split-out,no-such-thing'], overrides);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'no-such-thing'");
  });

  test('bad usage exits 2: a missing directory, an unknown target, an unknown option', async () => {
    const missing = await runCli(['migrate', path.join(dir, 'nope')], overrides);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    expect((await runCli(['migrate', dir, '--target', 'cobol'], overrides)).code).toBe(2);
    expect((await runCli(['migrate', dir, '--frobnicate'], overrides)).code).toBe(2);
    expect((await runCli([], overrides)).code).toBe(2);
  });

  test('a dirty git tree is refused with exit 2 unless --force', async () => {
    commitAll(dir);
    fs.appendFileSync(path.join(dir, 'src/b.ts'), '// edited\n');
    const before = readTree(dir);
    const refused = await runCli(['migrate', dir], overrides);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain('--force');
    expect(refused.stdout).toBe('');
    expect(treeDifferences(readTree(dir), before)).toEqual([]);

    const forced = await runMigrateJson([dir, '--force'], overrides);
    expect(forced.code).toBe(0);
    expect(forced.report.summary.ok).toBe(3);
  });

  test('a clean git tree runs without --force, and a second run changes nothing', async () => {
    commitAll(dir);
    expect((await runMigrateJson([dir], overrides)).code).toBe(0);
    const after = readTree(dir);
    const again = await runMigrateJson([dir, '--force'], overrides);
    expect(again.report.summary).toMatchObject({ ok: 0, created: 0, deleted: 0, errors: 0 });
    expect(treeDifferences(readTree(dir), after)).toEqual([]);
  });
});

describe('forklift plan', () => {
  test('shows legacy backends and plugins and what migrate would do, changing nothing', async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    writeFiles(dir, {
      'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*", "plugins/*"] }\n',
      'packages/backend/package.json': '{ "name": "backend", "main": "src/index.ts" }\n',
      'packages/backend/src/index.ts': [
        "import { createServiceBuilder } from '@backstage/backend-common';",
        "import todo from './plugins/todo';",
        'async function main() {',
        '  const apiRouter = Router();',
        "  apiRouter.use('/todos', await todo(createEnv('todo')));",
        "  await createServiceBuilder(module).addRouter('/api', apiRouter).start();",
        '}',
        '',
      ].join('\n'),
      'packages/backend/src/plugins/todo.ts': [
        "import { createRouter } from '@acme/plugin-todo-backend';",
        'export default async function createPlugin(env) {',
        '  return await createRouter({ logger: env.logger });',
        '}',
        '',
      ].join('\n'),
      'plugins/todo-backend/package.json': '{ "name": "@acme/plugin-todo-backend", "backstage": { "role": "backend-plugin" } }\n',
      'plugins/todo-backend/src/index.ts': "export * from './service/router';\n",
      'plugins/todo-backend/src/service/router.ts': 'export async function createRouter(options) {\n  return legacyCall(options);\n}\n',
    });
    const before = readTree(dir);
    const { code, stdout } = await runCli(['plan', dir, '--json'], overrides);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.backends).toEqual([{ name: 'backend', dir: 'packages/backend', entry: 'packages/backend/src/index.ts', status: 'legacy' }]);
    expect(plan.plugins).toEqual([
      expect.objectContaining({
        id: 'todos',
        package: '@acme/plugin-todo-backend',
        status: 'legacy',
        location: 'packages/backend/src/plugins/todo.ts',
      }),
    ]);
    expect(plan.migrate.files).toEqual([{ path: 'plugins/todo-backend/src/service/router.ts', status: 'ok', transform: 'rename-call' }]);
    expect(treeDifferences(readTree(dir), before)).toEqual([]);

    const human = await runCli(['plan', dir], overrides);
    expect(human.stdout).toContain('Backends:');
    expect(human.stdout.trimEnd().split('\n').pop()).toMatch(/^Results: 1 ok, \d+ unmodified, 0 skipped, 0 errors, 0 created, 0 deleted$/);
  });
});

test('the CLI runs as a process from the sources: --help exits 0, bad usage exits 2', () => {
  const root = path.join(__dirname, '..', '..');
  const help = spawnSync(process.execPath, ['--import', 'tsx', 'codemods/cli.ts', '--help'], { cwd: root, encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('migrate [options] <dir>');
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'codemods/cli.ts', 'migrate'], { cwd: root, encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("missing required argument 'dir'");
});
