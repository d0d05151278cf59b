/**
 * The rules `forklift migrate` keeps on real backends (codemods/README.md, "What migrate will never do"), one
 * test each, through the CLI where the rule is about the run (exit codes, files left alone) and on a running
 * backend where it is about behaviour (a wrapper answers as the legacy wiring did).
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { mockServices, startTestBackend } from '../../framework/testing';
import { jscodeshiftFor, parseForReading } from '../../codemods/transforms/shared/parser';
import { runMigrateJson } from './support/cli';
import { copyTree, makeTempDir } from './support/trees';

const INDEX = 'packages/backend/src/index.ts';
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'backend-index');

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

/** A forklift-family legacy index whose main() body is `body`. */
function legacyIndex(imports: string, body: string): string {
  return `import { Router } from 'express';
import { createServiceBuilder, getRootLogger, loadBackendConfig, notFoundHandler, useHotMemoize, Config } from 'forklift/legacy-bridge';
${imports}

function makeCreateEnv(config: Config) {
  const root = getRootLogger();
  return (plugin: string) => ({ logger: root.child({ type: 'plugin', plugin }), config });
}

async function main() {
  const config = await loadBackendConfig({ argv: process.argv, logger: getRootLogger() });
  const createEnv = makeCreateEnv(config);
  const apiRouter = Router();
${body}
  apiRouter.use(notFoundHandler());
  const service = createServiceBuilder(module).loadConfig(config).addRouter('/api', apiRouter);
  await service.start();
}

main();
`;
}

const PLUGIN = `export default async function createPlugin(env: { logger: unknown }) {
  return (_req: unknown, res: { json(body: unknown): void }) => res.json({ ok: true });
}
`;

let work: string;
beforeEach(() => {
  work = makeTempDir('migrate-rules');
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a mount forklift cannot carry', () => {
  const files = () => ({
    [INDEX]: legacyIndex(
      "import todo from './plugins/todo';\nimport { loadPlugins } from './dynamic';",
      `  apiRouter.use('/todo', await todo(useHotMemoize(module, () => createEnv('todo'))));
  for (const [id, factory] of loadPlugins()) {
    apiRouter.use(\`/\${id}\`, await factory(createEnv(id)));
  }`,
    ),
    'packages/backend/src/plugins/todo.ts': PLUGIN,
    'packages/backend/src/dynamic.ts': 'export function loadPlugins(): Array<[string, (env: unknown) => unknown]> {\n  return [];\n}\n',
  });

  it('leaves the index byte for byte as it was, reports an error naming the mount and what blocks it, and exits 1', async () => {
    writeTree(work, files());
    const before = fs.readFileSync(path.join(work, INDEX), 'utf8');
    const { code, report } = await runMigrateJson([work, '--only', 'backend-index']);
    expect(code).toBe(1);
    expect(fs.readFileSync(path.join(work, INDEX), 'utf8')).toBe(before);
    const outcome = report.files.find((f: { path: string }) => f.path === INDEX);
    expect(outcome.status).toBe('error');
    expect(outcome.message).toContain('cannot be carried, so the index was left as it was');
    expect(outcome.message).toContain('(line 16)'); // the loop
    expect(outcome.message).toContain('only known at run time');
    expect(outcome.message).toContain('--partial');
  });

  it('with --partial, writes the index with the blocked mount kept as a commented line under a TODO and a manual step', async () => {
    writeTree(work, files());
    const { code, report } = await runMigrateJson([work, '--only', 'backend-index', '--partial']);
    expect(code).toBe(0);
    const after = fs.readFileSync(path.join(work, INDEX), 'utf8');
    expect(after).toContain("backend.add(legacyPlugin('todo', import('./plugins/todo')));");
    expect(after).toContain('// for (const [id, factory] of loadPlugins()) {');
    expect(after).toContain('//   apiRouter.use(`/${id}`, await factory(createEnv(id)));');
    const step = report.manualSteps.find((s: { message: string }) => s.message.includes('cannot be carried'));
    expect(step).toMatchObject({ path: INDEX });
    expect(after.split('\n')[step.line - 1]).toContain('// TODO(forklift):');
  });
});

describe('a plugin factory called with extra arguments', () => {
  const GREETER = `export default async function createPlugin(
  env: { logger: unknown; config: { getString(key: string): string } },
  options: { greeting: string; times: number },
  suffix: string,
) {
  return (req: { path: string }, res: { json(body: unknown): void }, next: () => void) => {
    if (req.path !== '/hello') return next();
    res.json({ greeting: options.greeting.repeat(options.times) + suffix, from: env.config.getString('greeter.source') });
  };
}
`;
  const CALL_ARGS = "{ greeting: 'hi', times: 2 }, config.getString('greeter.suffix')";

  it('is carried through a wrapper that passes them as before, and answers as the legacy wiring did', async () => {
    writeTree(work, {
      [INDEX]: legacyIndex(
        "import greeter from './plugins/greeter';",
        `  const greeterEnv = useHotMemoize(module, () => createEnv('greeter'));
  apiRouter.use('/greeter', await greeter(greeterEnv, ${CALL_ARGS}));`,
      ),
      'packages/backend/src/plugins/greeter.ts': GREETER,
    });
    const { code, report } = await runMigrateJson([work, '--only', 'backend-index']);
    expect(code).toBe(0);
    const after = fs.readFileSync(path.join(work, INDEX), 'utf8');
    expect(report.manualSteps).toEqual([expect.objectContaining({ message: expect.stringContaining('through a wrapper') })]);

    // The legacy wiring: the factory called with the env and the same arguments, mounted at /api/greeter.
    const configData = { greeter: { suffix: '!', source: 'config' } };
    const legacyConfig = {
      getString: (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], configData) as string,
    };
    const { default: createGreeter } = await import(path.join(work, 'packages/backend/src/plugins/greeter.ts'));
    const legacyApp = express();
    legacyApp.use('/api/greeter', await createGreeter({ logger: console, config: legacyConfig }, { greeting: 'hi', times: 2 }, '!'));
    const legacy = await request(legacyApp).get('/api/greeter/hello');

    // The migrated wiring: the exact `legacyPlugin(...)` expression the new index adds, on a real backend.
    const feature = legacyPluginExpression(after, 'greeter');
    const featureFile = path.join(work, 'packages/backend/src/greeterFeature.ts');
    fs.writeFileSync(featureFile, `import { legacyPlugin } from 'forklift/legacy-bridge';\nexport default ${feature};\n`);
    const { default: greeterFeature } = await import(featureFile);
    const backend = await startTestBackend({ features: [greeterFeature, mockServices.rootConfig.factory({ data: configData })] });
    try {
      const migrated = await request(backend.server).get('/api/greeter/hello');
      expect({ status: migrated.status, body: migrated.body }).toEqual({ status: legacy.status, body: legacy.body });
      expect(legacy.body).toEqual({ greeting: 'hihi!', from: 'config' });
    } finally {
      await backend.stop();
    }
  });
});

describe('native swaps', () => {
  it("keeps legacyPlugin, with a manual step, when the package's plugin id differs from the mount segment", async () => {
    copyTree(path.join(FIXTURES, 'native-plugin-id-differs', 'before'), work);
    const { report } = await runMigrateJson([work, '--only', 'backend-index']);
    const after = fs.readFileSync(path.join(work, INDEX), 'utf8');
    expect(after).toContain("backend.add(legacyPlugin('inventory-backend', import('./plugins/inventory')));");
    expect(after).not.toContain("import('@internal/plugin-inventory-backend')");
    expect(report.manualSteps).toContainEqual(
      expect.objectContaining({
        path: INDEX,
        message: expect.stringContaining("registers the id 'inventory' and would serve /api/inventory instead of /api/inventory-backend"),
      }),
    );
  });

  it('keeps legacyPlugin and names the provider module when the plugin file configured sign-in providers', async () => {
    copyTree(path.join(FIXTURES, 'native-auth-provider-factories', 'before'), work);
    const { report } = await runMigrateJson([work, '--only', 'backend-index']);
    expect(fs.readFileSync(path.join(work, INDEX), 'utf8')).toContain("legacyPlugin('auth', import('./plugins/auth'))");
    expect(report.manualSteps).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('@backstage/plugin-auth-backend-module-github-provider') }),
    );
  });
});

describe('a plugin swapped to its native form', () => {
  const ROUTER = `export async function createRouter(_options: { logger: unknown }) {
  return (req: { path: string }, res: { json(body: unknown): void }, next: () => void) => {
    if (req.path !== '/list') return next();
    res.json(['first note']);
  };
}
`;
  const NATIVE = `import { coreServices, createBackendPlugin } from 'forklift/framework';
import { createRouter } from './router';

export default createBackendPlugin({
  pluginId: 'notes',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, logger: coreServices.logger },
      async init({ httpRouter, logger }) {
        httpRouter.use(await createRouter({ logger }));
      },
    });
  },
});
`;

  it('answers callers without a token as the legacy mount did: legacyAuthModule comes with it (forklift family)', async () => {
    writeTree(work, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'plugins/*'] }),
      'packages/backend/package.json': JSON.stringify({ name: 'backend', backstage: { role: 'backend' } }),
      [INDEX]: legacyIndex(
        "import notes from './plugins/notes';",
        `  const notesEnv = useHotMemoize(module, () => createEnv('notes'));
  apiRouter.use('/notes', await notes(notesEnv));`,
      ),
      'packages/backend/src/plugins/notes.ts': `import { createRouter } from '@internal/plugin-notes-backend';

export default async function createPlugin(env: { logger: unknown }) {
  return await createRouter({ logger: env.logger });
}
`,
      'plugins/notes-backend/package.json': JSON.stringify({
        name: '@internal/plugin-notes-backend',
        main: 'src/index.ts',
        backstage: { role: 'backend-plugin' },
      }),
      'plugins/notes-backend/src/index.ts': "export { createRouter } from './router';\nexport { default } from './plugin';\n",
      'plugins/notes-backend/src/router.ts': ROUTER,
      'plugins/notes-backend/src/plugin.ts': NATIVE,
    });
    const { code } = await runMigrateJson([work, '--only', 'backend-index']);
    expect(code).toBe(0);
    const after = fs.readFileSync(path.join(work, INDEX), 'utf8');
    expect(after).toContain("backend.add(import('@internal/plugin-notes-backend'));\nbackend.add(legacyAuthModule('notes'));");
    expect(after).toContain("import { legacyAuthModule } from 'forklift/legacy-bridge';");

    // The legacy wiring answered anyone.
    const { createRouter } = await import(path.join(work, 'plugins/notes-backend/src/router.ts'));
    const legacyApp = express();
    legacyApp.use('/api/notes', await createRouter({ logger: console }));
    const legacy = await request(legacyApp).get('/api/notes/list');
    expect(legacy.status).toBe(200);

    // The migrated lines on a real backend: the same answer without a token; without the module, a 401.
    const { legacyAuthModule } = await import('forklift/legacy-bridge');
    const { default: nativePlugin } = await import(path.join(work, 'plugins/notes-backend/src/plugin.ts'));
    const open = await startTestBackend({ features: [nativePlugin, legacyAuthModule('notes')] });
    const closed = await startTestBackend({ features: [nativePlugin] });
    try {
      const migrated = await request(open.server).get('/api/notes/list');
      expect({ status: migrated.status, body: migrated.body }).toEqual({ status: legacy.status, body: legacy.body });
      expect((await request(closed.server).get('/api/notes/list')).status).toBe(401);
    } finally {
      await open.stop();
      await closed.stop();
    }
  });
});

describe('helper-shaped mounts', () => {
  it('carries plugins mounted through a local addPlugin({ plugin, router }) helper, and drops the helper', async () => {
    writeTree(work, {
      [INDEX]: legacyIndex(
        "import todo from './plugins/todo';\nimport notes from './plugins/notes';",
        `  await addPlugin({ plugin: 'todo', apiRouter, createEnv, router: todo });
  await addPlugin({ plugin: 'notes', apiRouter, createEnv, router: notes, options: { path: '/my-notes' } });`,
      ).replace(
        'async function main() {',
        `async function addPlugin(args: { plugin: string; apiRouter: any; createEnv: any; router: any; options?: { path?: string } }) {
  const { plugin, apiRouter, createEnv, router, options } = args;
  apiRouter.use(options?.path ?? \`/\${plugin}\`, await router(createEnv(plugin)));
}

async function main() {`,
      ),
      'packages/backend/src/plugins/todo.ts': PLUGIN,
      'packages/backend/src/plugins/notes.ts': PLUGIN,
    });
    const { code, report } = await runMigrateJson([work, '--only', 'backend-index']);
    expect(code).toBe(0);
    const after = fs.readFileSync(path.join(work, INDEX), 'utf8');
    expect(after).toContain("backend.add(legacyPlugin('todo', import('./plugins/todo')));");
    expect(after).toContain("backend.add(legacyPlugin('my-notes', import('./plugins/notes')));");
    expect(after).not.toContain('function addPlugin');
    // The env was created as 'notes' but the URL segment is 'my-notes': the step says so.
    expect(report.manualSteps).toEqual([
      expect.objectContaining({ message: expect.stringContaining("the legacy env of my-notes was created as 'notes'") }),
    ]);
  });
});

describe('mounts with middleware', () => {
  it('carries the plugin and names the middleware it ran behind, grouped into one step', async () => {
    writeTree(work, {
      [INDEX]: legacyIndex(
        "import todo from './plugins/todo';\nimport notes from './plugins/notes';\nimport { requireUser } from './auth';",
        `  apiRouter.use('/todo', requireUser, await todo(createEnv('todo')));
  apiRouter.use('/notes', requireUser, await notes(createEnv('notes')));`,
      ),
      'packages/backend/src/plugins/todo.ts': PLUGIN,
      'packages/backend/src/plugins/notes.ts': PLUGIN,
      'packages/backend/src/auth.ts': 'export const requireUser = (_req: unknown, _res: unknown, next: () => void) => next();\n',
    });
    const { report } = await runMigrateJson([work, '--only', 'backend-index']);
    const after = fs.readFileSync(path.join(work, INDEX), 'utf8');
    expect(after).toContain("backend.add(legacyPlugin('todo', import('./plugins/todo')));");
    expect(after).toContain("backend.add(legacyPlugin('notes', import('./plugins/notes')));");
    expect(report.manualSteps).toHaveLength(1);
    expect(report.manualSteps[0].message).toContain('ran `requireUser` in front of these plugins');
    expect(report.manualSteps[0].message).toContain('(todo: line 16; notes: line 17)');
  });
});

/** The source of the `legacyPlugin('<id>', ...)` call in a written index. */
function legacyPluginExpression(source: string, id: string): string {
  const j = jscodeshiftFor('ts');
  let found: string | undefined;
  j(parseForReading(source, 'ts'))
    .find(j.CallExpression)
    .forEach((p) => {
      const first = p.node.arguments[0] as { value?: unknown } | undefined;
      if (p.node.callee.type === 'Identifier' && p.node.callee.name === 'legacyPlugin' && first?.value === id) {
        const { start, end } = p.node as unknown as { start: number; end: number };
        found = source.slice(start, end);
      }
    });
  if (!found) throw new Error(`no legacyPlugin('${id}', ...) in:\n${source}`);
  return found;
}
