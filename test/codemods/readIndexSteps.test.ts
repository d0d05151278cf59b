/** The named steps of readLegacyIndex, each on its own input. */
import type { namedTypes } from 'ast-types';
import { collectBackendMounts, type BackendMount } from '../../codemods/analysis';
import { jscodeshiftFor, parseForReading } from '../../codemods/transforms/shared/parser';
import { builderCallOffsets, findMakeCreateEnv } from '../../codemods/transforms/backendIndex/legacyShapes';
import type { MountPlan } from '../../codemods/transforms/backendIndex/mountPlan';
import type { StatementContext } from '../../codemods/transforms/backendIndex/bodyItems';
import { listStatements, mountHelperNames, readImports, readWrapperScope } from '../../codemods/transforms/backendIndex/indexParts';
import { unreadableMounts } from '../../codemods/transforms/backendIndex/mountItems';
import { readChain, readStatement } from '../../codemods/transforms/backendIndex/wiringStatements';

const j = jscodeshiftFor('ts');

const SOURCE = `import Router from 'express-promise-router';
import { createServiceBuilder, loadBackendConfig, getRootLogger } from '@backstage/backend-common';
import todo from './plugins/todo';
import { createPlugin as notes } from './plugins/notes';

function makeCreateEnv(config) {
  return (plugin) => ({ config });
}

async function addPlugin({ plugin, apiRouter, createEnv, router }) {
  apiRouter.use(\`/\${plugin}\`, await router(createEnv(plugin)));
}

async function main() {
  const config = await loadBackendConfig({ argv: process.argv, logger: getRootLogger() });
  const createEnv = makeCreateEnv(config);
  const todoEnv = useHotMemoize(module, () => createEnv('todo'));
  const apiRouter = Router();
  apiRouter.use('/todo', await todo(todoEnv));
  await addPlugin({ plugin: 'notes', apiRouter, createEnv, router: notes });
  process.on('SIGHUP', () => undefined);
  const service = createServiceBuilder(module).loadConfig(config).setPort(7007).addRouter('/api', apiRouter);
  await service.start();
}

module.hot?.accept();
main();
`;

function parse(source = SOURCE) {
  // Babel's File carries the parser's tokens, which builderCallOffsets reads.
  const file = parseForReading(source, 'ts') as Parameters<typeof builderCallOffsets>[0] & ReturnType<typeof parseForReading>;
  return { file, program: file.program as namedTypes.Program, root: j(file) };
}

function context(source = SOURCE): StatementContext {
  const { root, program } = parse(source);
  const mounts = collectBackendMounts(j, root, source);
  const plans = new Map<BackendMount, MountPlan>();
  return {
    source,
    mounts: new Map(mounts.map((m) => [m.callStart, m])),
    planOf: (m) =>
      plans.get(m) ?? {
        kind: 'legacy',
        mount: m,
        importSource: m.importSource ?? '',
        call: { exportName: 'default', envParam: 'env' },
        notes: [],
      },
    wiring: new Set(),
    helpers: mountHelperNames(j, program, builderCallOffsets(parse(source).file)),
  };
}

function mainBody(program: namedTypes.Program): namedTypes.ASTNode[] {
  const main = program.body.find((s) => s.type === 'FunctionDeclaration' && s.id?.name === 'main') as namedTypes.FunctionDeclaration;
  return main.body.body as namedTypes.ASTNode[];
}

test('readImports: every imported local name, and the export each stands for', () => {
  const { imports, importedNames, exportedNameOf } = readImports(parse().program);
  expect(imports).toHaveLength(4);
  expect([...importedNames]).toEqual(['Router', 'createServiceBuilder', 'loadBackendConfig', 'getRootLogger', 'todo', 'notes']);
  expect(exportedNameOf.get('todo')).toBe('default');
  expect(exportedNameOf.get('notes')).toBe('createPlugin');
});

test('mountHelperNames: local functions that mount what they are given, not main()', () => {
  const { program, file } = parse();
  expect([...mountHelperNames(j, program, builderCallOffsets(file))]).toEqual(['addPlugin']);
});

test("listStatements: main()'s body in order, without makeCreateEnv, helpers, the hot-reload tail or the start call", () => {
  const { program, file } = parse();
  const { statements, notices } = listStatements(program, builderCallOffsets(file), findMakeCreateEnv(program), new Set(['addPlugin']));
  expect(statements).toEqual(mainBody(program));
  expect(notices).toEqual([]);
});

test('readWrapperScope: the loaded config variable, env variables and where each local was declared', () => {
  const { program } = parse();
  const scope = readWrapperScope(mainBody(program), new Set(['todo']), SOURCE);
  expect(scope.configVar).toBe('config');
  expect([...scope.envVariables]).toEqual([['todoEnv', 'todo']]);
  expect(scope.locals.get('apiRouter')).toBe(18);
  expect(scope.hasEnvType).toBe(false);
});

test('readStatement: wiring is dropped, mounts are planned, helper calls are mounts, unknown code is kept under a TODO', () => {
  const ctx = context();
  const [config, createEnv, todoEnv, apiRouter, todoMount, notesMount, unknown] = mainBody(parse().program).map((s) =>
    readStatement(j, s, ctx),
  );
  expect([config, createEnv, todoEnv, apiRouter]).toEqual([[], [], [], []]);
  expect(ctx.wiring.has('apiRouter')).toBe(true);
  expect(todoMount).toEqual([expect.objectContaining({ kind: 'mount', plan: expect.objectContaining({ kind: 'legacy' }) })]);
  expect(notesMount).toEqual([
    expect.objectContaining({
      kind: 'mount',
      plan: expect.objectContaining({ mount: expect.objectContaining({ pluginId: 'notes', helper: 'addPlugin' }) }),
    }),
  ]);
  expect(unknown).toEqual([expect.objectContaining({ kind: 'todo', message: expect.stringContaining("process.on('SIGHUP'") })]);
});

test('readChain: each link of the builder chain is dropped, mounted, or kept under a TODO', () => {
  const ctx = context();
  ctx.wiring.add('apiRouter');
  const statements = mainBody(parse().program);
  const service = statements[7] as namedTypes.VariableDeclaration;
  const items = readChain((service.declarations[0] as namedTypes.VariableDeclarator).init as never, service, ctx);
  expect(items).toEqual([expect.objectContaining({ kind: 'todo', message: expect.stringContaining('`.setPort(7007)`') })]);
  expect(readChain(j.identifier('somethingElse') as never, service, ctx)).toBeUndefined();
});

test('unreadableMounts: a mount in a loop, or a helper call with a computed id, is found as written', () => {
  const loop = `for (const [id, f] of list) { apiRouter.use(\`/\${id}\`, await f(createEnv(id))); await addPlugin({ plugin: id, router: f }); }`;
  const statement = parseForReading(loop, 'ts').program.body[0];
  expect(unreadableMounts(j, statement, { wiring: new Set(['apiRouter']), helpers: new Set(['addPlugin']) }, loop)).toEqual([
    'apiRouter.use(`/${id}`, await f(createEnv(id)))',
    'addPlugin({ plugin: id, router: f })',
  ]);
  expect(unreadableMounts(j, statement, { wiring: new Set(), helpers: new Set() }, loop)).toEqual([]);
});
