/** `forklift adopt --undo`: the bridged form put back from git history, or a refusal naming why not. */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { INDEX, BRIDGES, indexText, useAdoptRepo } from './support/adoptRepo';
import { git } from './support/repos';
import { treeDifferences } from './support/trees';

const repo = useAdoptRepo();

describe('forklift adopt', () => {
  test('--undo puts back the exact bridged text of the index and the bridge file', async () => {
    const bridged = repo.workTree();
    expect((await runCli(['adopt', 'todo', '-C', repo.dir])).code).toBe(0);
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-qm', 'forklift adopt todo');
    const undo = await runCli(['adopt', '--undo', 'todo', '-C', repo.dir]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('RESTORED  todo (native -> ready)');
    expect(treeDifferences(repo.workTree(), bridged)).toEqual([]);
    expect(repo.read(INDEX)).toBe(indexText(BRIDGES));

    const again = await runCli(['adopt', '--undo', 'todo', '-C', repo.dir, '--force']);
    expect(again.stdout).toContain('todo already runs through the bridge');
  });

  test('--undo without git history of the bridged form refuses, naming why', async () => {
    fs.rmSync(path.join(repo.dir, '.git'), { recursive: true, force: true });
    expect((await runCli(['adopt', 'todo', '-C', repo.dir])).code).toBe(0);
    const undo = await runCli(['adopt', '--undo', 'todo', '-C', repo.dir]);
    expect(undo.code).toBe(2);
    expect(undo.stderr).toContain('restores the bridged text from git history');
  });
});
