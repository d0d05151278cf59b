/** Rules of the backend-index transform that the fixture pairs do not pin down one by one. */
import { backendIndexTransform } from '../../codemods/transforms/backendIndex';
import type { TransformContext, TransformResult } from '../../codemods/transforms/types';

const INDEX = 'packages/backend/src/index.ts';

function apply(
  source: string,
  options: { files?: Record<string, string>; target?: TransformContext['target']; path?: string; versions?: Record<string, string> } = {},
) {
  const files = options.files ?? {};
  const versions = options.versions
    ? {
        packages: Object.fromEntries(
          Object.entries(options.versions).map(([name, version]) => [name, { version, from: 'package-lock.json' as const }]),
        ),
      }
    : undefined;
  const context: TransformContext = {
    root: '/repo',
    facts: { packages: [], pluginIdsByPackage: {}, ...(versions ? { versions } : {}) },
    target: options.target,
    readFile: (p) => files[p],
  };
  return backendIndexTransform.apply({ path: options.path ?? INDEX, source }, context);
}

function output(result: TransformResult): string {
  const first = result.files[0];
  if (first.status !== 'ok') throw new Error(`expected the index to be rewritten, got ${first.status}`);
  return first.source;
}

const wrap = (imports: string, env: string, body: string, tail = '') => `${imports}
import { createServiceBuilder, getRootLogger, loadBackendConfig } from 'forklift/legacy-bridge';
import Router from 'express-promise-router';

function makeCreateEnv(config) {
  const root = getRootLogger();
${env}
}

async function main() {
  const config = await loadBackendConfig({ argv: process.argv, logger: getRootLogger() });
  const createEnv = makeCreateEnv(config);
  const apiRouter = Router();
${body}
  const service = createServiceBuilder(module).loadConfig(config).addRouter('/api', apiRouter);
  await service.start();
}
${tail}
main();
`;

describe('backend-index rules', () => {
  it('matches backend files only', () => {
    expect(backendIndexTransform.matches({ path: INDEX, source: 'createServiceBuilder(module)' })).toBe(true);
    expect(backendIndexTransform.matches({ path: INDEX, source: 'const backend = createBackend();' })).toBe(true);
    expect(backendIndexTransform.matches({ path: 'plugins/x/src/index.ts', source: 'export function createRouter() {}' })).toBe(false);
  });

  it('leaves a file that builds no legacy backend unmodified', () => {
    const result = apply(`// createBackend() is mentioned here only\nexport const x = 1;\n`);
    expect(result).toEqual({ files: [{ path: INDEX, status: 'unmodified' }], manualSteps: [] });
  });

  it('does not count createServiceBuilder in kept, commented-out code', () => {
    const migrated =
      "import { createBackend } from 'forklift/framework';\n\nconst backend = createBackend();\n\n// TODO(forklift): keep\n// const service = createServiceBuilder(module);\n\nbackend.start();\n";
    expect(apply(migrated).files).toEqual([{ path: INDEX, status: 'unmodified' }]);
  });

  it("skips a plugin package's standalone dev server", () => {
    const source = wrap(
      "import todo from './plugins/todo';",
      '  return (plugin) => ({ config });',
      "  apiRouter.use('/todo', await todo(createEnv('todo')));",
    );
    expect(apply(source, { path: 'plugins/todo-backend/src/service/standaloneServer.ts' }).files[0]).toMatchObject({ status: 'skipped' });
    const context: TransformContext = {
      root: '/repo',
      facts: {
        packages: [{ name: '@x/plugin-todo-backend', dir: 'plugins/todo-backend', role: 'backend-plugin', migrated: false }],
        pluginIdsByPackage: {},
      },
      readFile: () => undefined,
    };
    const result = backendIndexTransform.apply({ path: 'plugins/todo-backend/src/dev.ts', source }, context);
    expect(result.files[0]).toMatchObject({ path: 'plugins/todo-backend/src/dev.ts', status: 'skipped' });
  });

  it('carries a named plugin import through a wrapper that picks the export, with a step to make it the default', () => {
    const result = apply(
      wrap(
        "import { createPlugin as todo } from './plugins/todo';",
        '  return (plugin) => ({ logger: root.child({ plugin }), config });',
        "  apiRouter.use('/todo', await todo(createEnv('todo')));",
      ),
    );
    expect(output(result)).toContain("legacyPlugin('todo', import('./plugins/todo').then(m => ({ default: m.createPlugin })))");
    expect(output(result)).not.toContain("import { createPlugin as todo } from './plugins/todo';");
    expect(result.manualSteps).toEqual([
      expect.objectContaining({ message: expect.stringContaining('make each one a default export that takes only its env') }),
    ]);
  });

  it('never drops a top-level statement it does not know', () => {
    const source = wrap(
      "import todo from './plugins/todo';",
      '  return (plugin) => ({ logger: root.child({ plugin }), config });',
      "  apiRouter.use('/todo', await todo(createEnv('todo')));",
      "process.on('unhandledRejection', e => console.error(e));",
    );
    const text = output(apply(source));
    expect(text).toContain("// process.on('unhandledRejection', e => console.error(e));");
    expect(text).toContain("backend.add(legacyPlugin('todo', import('./plugins/todo')));");
  });

  it('keeps a custom env field built per plugin under a TODO naming what it needs', () => {
    const result = apply(
      wrap(
        "import todo from './plugins/todo';\nimport { Audit } from './audit';",
        '  return (plugin) => {\n    const audit = new Audit(plugin);\n    return { logger: root.child({ plugin }), config, audit };\n  };',
        "  apiRouter.use('/todo', await todo(createEnv('todo')));",
      ),
    );
    const text = output(result);
    expect(text).toContain('// const audit = new Audit(plugin);');
    expect(text).toContain("import { Audit } from './audit';");
    expect(result.manualSteps[0].message).toContain('custom field `audit` cannot be moved automatically: it depends on `plugin`');
  });

  it('types a field made by a static call that is not a constructor by what the call returns', () => {
    const text = output(
      apply(
        wrap(
          "import todo from './plugins/todo';\nimport { Flags } from './flags';",
          '  const flags = Flags.load(config);\n  return (plugin) => ({ logger: root.child({ plugin }), config, flags });',
          "  apiRouter.use('/todo', await todo(createEnv('todo')));",
        ),
      ),
    );
    expect(text).toContain('const flagsServiceRef = createServiceRef<Awaited<ReturnType<typeof Flags.load>>>({');
    expect(text).toContain("  scope: 'root',");
    expect(text).toContain('      factory: ({ config }) => Flags.load(config),');
    expect(text).toContain('    flags: flagsServiceRef,');
  });

  it('writes the family --target asks for', () => {
    const text = output(
      apply(
        wrap(
          "import todo from './plugins/todo';",
          '  return (plugin) => ({ logger: root.child({ plugin }), config });',
          "  apiRouter.use('/todo', await todo(createEnv('todo')));",
        ),
        { target: 'backstage' },
      ),
    );
    expect(
      text.startsWith(
        "import { createBackend } from '@backstage/backend-defaults';\nimport { legacyPlugin } from '@backstage/backend-common';\n",
      ),
    ).toBe(true);
  });

  it('replaces a pass-through of a published migrated package only when the plugin ids agree', () => {
    const plugin = (pkg: string) =>
      `import { createRouter } from '${pkg}';\nexport default async function createPlugin(env) {\n  return await createRouter({ logger: env.logger, config: env.config });\n}\n`;
    const files = {
      'packages/backend/src/plugins/proxy.ts': plugin('@backstage/plugin-proxy-backend'),
      'packages/backend/src/plugins/k8s.ts': plugin('@backstage/plugin-kubernetes-backend'),
    };
    const result = apply(
      wrap(
        "import proxy from './plugins/proxy';\nimport k8s from './plugins/k8s';",
        '  return (plugin) => ({ logger: root.child({ plugin }), config });',
        "  apiRouter.use('/proxy', await proxy(createEnv('proxy')));\n  apiRouter.use('/k8s', await k8s(createEnv('k8s')));",
      ),
      { files },
    );
    const text = output(result);
    expect(text).toContain("backend.add(import('@backstage/plugin-proxy-backend'));");
    // Mounted at /k8s, while the published kubernetes plugin serves /kubernetes: the bridge keeps the URLs.
    expect(text).toContain("backend.add(legacyPlugin('k8s', import('./plugins/k8s')));");
    expect(result.files.slice(1)).toEqual([{ path: 'packages/backend/src/plugins/proxy.ts', status: 'deleted' }]);
  });

  it('throws on a file that does not parse, for the runner to report', () => {
    expect(() => apply('createServiceBuilder(module).addRouter(')).toThrow();
  });
});

describe('backstage-family output at the versions the repository uses', () => {
  const flagsIndex = wrap(
    "import todo from './plugins/todo';\nimport { Flags } from './flags';",
    '  const flags = Flags.load(config);\n  return (plugin) => ({ logger: root.child({ plugin }), config, flags });',
    "  apiRouter.use('/todo', await todo(createEnv('todo')));",
  );

  it('maps cache only where cacheToPluginCacheManager exists, and names the field otherwise', () => {
    const old = apply(flagsIndex, {
      target: 'backstage',
      versions: { '@backstage/backend-common': '0.18.1', '@backstage/backend-plugin-api': '0.6.18' },
    });
    expect(output(old)).not.toMatch(/^\s*cache: coreServices\.cache,/m);
    expect(output(old)).not.toContain('cacheToPluginCacheManager(cache)');
    expect(old.manualSteps.map((s) => s.message)).toContainEqual(
      expect.stringContaining(
        'field `cache` is not provided: @backstage/backend-common 0.18.1 has no cacheToPluginCacheManager (first in 0.18.2)',
      ),
    );
    const later = output(
      apply(flagsIndex, {
        target: 'backstage',
        versions: { '@backstage/backend-common': '0.22.0', '@backstage/backend-plugin-api': '0.6.18' },
      }),
    );
    expect(later).toMatch(/^\s*cache: coreServices\.cache,/m);
    expect(later).toContain('cache: cache => cacheToPluginCacheManager(cache),');
  });

  it('lists tokenManager and identity where coreServices has them, and leaves them to makeLegacyPlugin where it adds them', () => {
    const old = output(apply(flagsIndex, { target: 'backstage', versions: { '@backstage/backend-common': '0.22.0' } }));
    expect(old).toContain('tokenManager: coreServices.tokenManager,');
    const current = output(apply(flagsIndex, { target: 'backstage', versions: { '@backstage/backend-common': '0.25.0' } }));
    expect(current).not.toContain('coreServices.tokenManager');
    expect(current).toContain('// tokenManager and identity: makeLegacyPlugin gives them to every plugin itself');
  });

  it('opens bridged plugins with addAuthPolicy only where httpRouter has it', () => {
    const plain = wrap(
      "import todo from './plugins/todo';",
      '  return (plugin) => ({ logger: root.child({ plugin }), config });',
      "  apiRouter.use('/todo', await todo(createEnv('todo')));",
    );
    const before = apply(plain, {
      target: 'backstage',
      versions: { '@backstage/backend-plugin-api': '0.6.13', '@backstage/backend-common': '0.21.7' },
    });
    expect(output(before)).not.toContain('httpRouter.addAuthPolicy({');
    expect(output(before)).not.toContain('openToLegacyCallers');
    expect(before.manualSteps.map((s) => s.message)).toEqual([
      expect.stringContaining(
        'todo stays open to every caller, as on the legacy backend: @backstage/backend-plugin-api 0.6.13 has no httpRouter.addAuthPolicy (first in 0.6.14)',
      ),
    ]);
    const from = output(
      apply(plain, { target: 'backstage', versions: { '@backstage/backend-plugin-api': '0.6.14', '@backstage/backend-common': '0.21.7' } }),
    );
    expect(from).toContain("backend.add(openToLegacyCallers('todo'));");
  });

  it('leaves the index on the legacy backend, with a step, where backend-common has no legacyPlugin; once', () => {
    const plain = wrap(
      "import todo from './plugins/todo';",
      '  return (plugin) => ({ logger: root.child({ plugin }), config });',
      "  apiRouter.use('/todo', await todo(createEnv('todo')));",
    );
    const result = apply(plain, { target: 'backstage', versions: { '@backstage/backend-common': '0.17.0' } });
    const text = output(result);
    expect(text).toBe(
      `// TODO(forklift): @backstage/backend-common 0.17.0 has no legacyPlugin (first in 0.18.0), which the new backend needs to carry these legacy plugins, so this index is left on the legacy backend; upgrade @backstage/backend-common to 0.18.0 or later, then run forklift migrate again\n${plain}`,
    );
    expect(result.manualSteps).toEqual([{ path: INDEX, line: 1, message: expect.stringContaining('has no legacyPlugin') }]);
    expect(apply(text, { target: 'backstage', versions: { '@backstage/backend-common': '0.17.0' } }).files).toEqual([
      { path: INDEX, status: 'unmodified' },
    ]);
  });
});

describe('backend-index style', () => {
  it('takes the indentation from code, not from a license header', () => {
    const source = `/*
 * Copyright 2023 Someone
 */
${wrap(
  "import todo from './plugins/todo';\nimport { Flags } from './flags';",
  '    const flags = new Flags(config);\n    return (plugin) => ({ logger: root.child({ plugin }), config, flags });',
  "    apiRouter.use('/todo', await todo(createEnv('todo')));",
).replace(/^ {2}(?=\S)/gm, '    ')}`;
    const text = output(apply(source));
    expect(text).toContain("\n    id: 'backend.flags',\n");
    expect(text).toContain('\nconst legacyPlugin = makeLegacyPlugin(\n    {\n        ...legacyEnvMapping,\n');
  });
});
