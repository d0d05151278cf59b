/** `forklift adopt` refusing: a plugin that is not ready, a dirty tree, a read-only folder, no plugin named; nothing is written. */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { TODO_BRIDGE, useAdoptRepo } from './support/adoptRepo';
import { writeFiles } from './support/repos';
import { treeDifferences } from './support/trees';

const repo = useAdoptRepo();

describe('forklift adopt', () => {
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
    const before = repo.workTree();
    const run = await runCli(['adopt', id, 'todo', '-C', repo.dir]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith(`forklift: adopt ${id} refused: `))).toBe(true);
    expect(run.stderr).toContain(reason);
    expect(treeDifferences(repo.workTree(), before)).toEqual([]);
  });

  test('effects: each side effect is its own reason line', async () => {
    const run = await runCli(['adopt', 'effects', '-C', repo.dir]);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      "forklift: adopt effects refused: side-effects: the file runs `process.env.EFFECTS_MODE = 'on';` besides its default export",
      "forklift: adopt effects refused: side-effects: createPlugin runs `env.logger.info('starting effects');` besides returning the router",
    ]);
  });

  test('refuses a dirty git tree unless --force', async () => {
    writeFiles(repo.dir, { 'notes.txt': 'uncommitted\n' });
    const run = await runCli(['adopt', 'todo', '-C', repo.dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('uncommitted changes');
    expect(repo.read('packages/backend/src/plugins/todo.ts')).toBe(TODO_BRIDGE);
    expect((await runCli(['adopt', 'todo', '-C', repo.dir, '--force'])).code).toBe(0);
  });

  test('refuses, writing nothing, when the bridge file sits in a read-only folder', async () => {
    const plugins = path.join(repo.dir, 'packages/backend/src/plugins');
    fs.chmodSync(plugins, 0o555);
    try {
      const before = repo.workTree();
      const run = await runCli(['adopt', 'todo', '-C', repo.dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('the folder packages/backend/src/plugins is read-only');
      expect(treeDifferences(repo.workTree(), before)).toEqual([]);
    } finally {
      fs.chmodSync(plugins, 0o755);
    }
  });

  test('needs plugin ids or --all-ready', async () => {
    const run = await runCli(['adopt', '-C', repo.dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name the plugin ids to adopt');
  });
});
