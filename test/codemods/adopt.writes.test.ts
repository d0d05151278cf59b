/** `forklift adopt` on a ready plugin: what it writes, in each family, and what it leaves as it was. */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { BRIDGES, INDEX, TODO_BRIDGE, indexText, useAdoptRepo } from './support/adoptRepo';
import { git, writeFiles } from './support/repos';
import { treeDifferences } from './support/trees';

const repo = useAdoptRepo();

describe('forklift adopt', () => {
  test('moves a ready plugin to its native entry, keeps its routes as open, and deletes the bridge file', async () => {
    const run = await runCli(['adopt', 'todo', '-C', repo.dir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(repo.read(INDEX)).toBe(
      indexText([
        "backend.add(import('@acme/plugin-todo-backend'));",
        "backend.add(legacyAuthModule('todo'));",
        ...BRIDGES.slice(1),
      ]).replace(
        "import { legacyPlugin } from 'forklift/legacy-bridge';",
        "import { legacyAuthModule, legacyPlugin } from 'forklift/legacy-bridge';",
      ),
    );
    expect(fs.existsSync(path.join(repo.dir, 'packages/backend/src/plugins/todo.ts'))).toBe(false);
    expect(run.stdout).toContain('ADOPTED   todo (ready -> native)');
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('Results: 1 ok, 0 unmodified, 0 skipped, 0 errors, 0 created, 1 deleted');
    expect((await repo.planOf()).find((p) => p.id === 'todo')!.status).toBe('native');
  });

  test('on an already native plugin, and on a second run, changes nothing and exits 0', async () => {
    const before = repo.workTree();
    const native = await runCli(['adopt', 'catalog', '-C', repo.dir]);
    expect(native.code).toBe(0);
    expect(native.stdout).toContain('UNCHANGED catalog: catalog is already native');
    expect(treeDifferences(repo.workTree(), before)).toEqual([]);

    expect((await runCli(['adopt', 'todo', '-C', repo.dir])).code).toBe(0);
    git(repo.dir, 'commit', '-qam', 'adopt todo');
    const adopted = repo.workTree();
    const again = await runCli(['adopt', 'todo', '-C', repo.dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('todo is already native');
    expect(treeDifferences(repo.workTree(), adopted)).toEqual([]);
  });

  test('--dry and --diff show the change and write nothing; --json carries plugins, files and summary', async () => {
    const before = repo.workTree();
    const dry = await runCli(['adopt', 'todo', '-C', repo.dir, '--dry', '--diff']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("+backend.add(import('@acme/plugin-todo-backend'));");
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(treeDifferences(repo.workTree(), before)).toEqual([]);

    const json = JSON.parse((await runCli(['adopt', 'todo', '-C', repo.dir, '--dry', '--json'])).stdout);
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

  test('keeps the bridge file when another file imports it', async () => {
    writeFiles(repo.dir, { 'packages/backend/src/debug.ts': "import createTodo from './plugins/todo';\nexport { createTodo };\n" });
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'debug');
    const run = await runCli(['adopt', 'todo', '-C', repo.dir]);
    expect(run.code).toBe(0);
    expect(repo.read('packages/backend/src/plugins/todo.ts')).toBe(TODO_BRIDGE);
    expect(run.stdout).toContain('packages/backend/src/plugins/todo.ts is kept: packages/backend/src/debug.ts still imports it');
  });

  test('--all-ready adopts exactly the ready plugins', async () => {
    const run = await runCli(['adopt', '--all-ready', '-C', repo.dir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).plugins.map((p: { id: string; outcome: string }) => [p.id, p.outcome])).toEqual([['todo', 'adopted']]);
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
    writeFiles(repo.dir, { [INDEX]: backstageIndex });
    git(repo.dir, 'commit', '-qam', 'backstage family');
    expect((await runCli(['adopt', 'todo', '-C', repo.dir])).code).toBe(0);
    expect(repo.read(INDEX)).toBe(
      [
        "import { createBackend } from '@backstage/backend-defaults';",
        '',
        'const backend = createBackend();',
        "backend.add(import('@acme/plugin-todo-backend'));",
        'backend.start();',
        '',
      ].join('\n'),
    );
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'forklift adopt todo');
    expect((await runCli(['adopt', '--undo', 'todo', '-C', repo.dir])).code).toBe(0);
    expect(repo.read(INDEX)).toBe(backstageIndex);
    expect(repo.read('packages/backend/src/plugins/todo.ts')).toBe(TODO_BRIDGE);
  });
});
