/** `forklift plan` on a bridged auth plugin: what its native plugin would lose, classified by what it is. */
import fs from 'node:fs';
import { runCli } from './support/cli';
import { INDEX, bridge } from './support/adoptRepo';
import { commitAll, writeFiles } from './support/repos';
import { makeTempDir } from './support/trees';

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
