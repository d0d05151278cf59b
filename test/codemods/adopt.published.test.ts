/** `forklift adopt` on a published plugin: the native entry its pinned version has. */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli';
import { INDEX, bridge } from './support/adoptRepo';
import { commitAll, writeFiles } from './support/repos';
import { makeTempDir } from './support/trees';

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
