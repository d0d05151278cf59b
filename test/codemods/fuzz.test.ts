/**
 * Property: whatever a fixture source is mutated into, the runner either writes code that parses or
 * reports an error for that file, and never throws. Runs the real transform registry over mutated
 * fixture trees, and the runner's own test transforms over mutated small files.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { migrate, parseProblem, type MigrationReport } from '../../codemods/runner';
import { TEST_TRANSFORMS } from './support/repos';
import { copyTree, makeTempDir, readTree } from './support/trees';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Every `before` tree with its source files: the seeds the mutations start from. */
function fixtureSeeds(): Array<{ before: string; file: string }> {
  const seeds: Array<{ before: string; file: string }> = [];
  if (!fs.existsSync(FIXTURES)) return seeds;
  for (const transform of fs.readdirSync(FIXTURES)) {
    for (const name of fs.readdirSync(path.join(FIXTURES, transform))) {
      const before = path.join(FIXTURES, transform, name, 'before');
      if (!fs.existsSync(before)) continue;
      for (const file of readTree(before).keys()) if (/\.(ts|tsx|js)$/.test(file)) seeds.push({ before, file });
    }
  }
  return seeds;
}

const FRAGMENTS = [
  '{',
  '}',
  '(',
  ')',
  ';',
  "'",
  '"',
  '`',
  '/*',
  '*/',
  '//',
  '\n',
  '\r\n',
  '\uFEFF',
  'export ',
  'default ',
  'await ',
  'async ',
  '=>',
  'createRouter',
  'createServiceBuilder',
  'createBackendPlugin',
  'TODO(forklift): x',
  '<T>',
  'as ',
];

/** One edit: delete a span, insert a fragment, or duplicate a span. Positions are fractions of the length. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(...FRAGMENTS) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 80 }),
  }),
);

type Mutation = { kind: 'delete' | 'duplicate'; at: number; length: number } | { kind: 'insert'; at: number; text: string };

function mutate(source: string, edits: Mutation[]): string {
  let text = source;
  for (const edit of edits) {
    const at = Math.floor(edit.at * text.length);
    if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
    else if (edit.kind === 'insert') text = text.slice(0, at) + edit.text + text.slice(at);
    else text = text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
  }
  return text;
}

/** The run's promises: it resolved, every written file parses, every error says what went wrong. */
function checkRun(dir: string, report: MigrationReport): void {
  for (const file of report.files) {
    if (file.status === 'ok' || file.status === 'created') {
      const text = fs.readFileSync(path.join(dir, file.path), 'utf8');
      const problem = parseProblem(file.path, text.replace(/^\uFEFF/, ''));
      if (problem) throw new Error(`${file.path} was written (${file.status} by ${file.transform}) but does not parse: ${problem}`);
    }
    if (file.status === 'error' && !(file.message && file.message.length > 0)) {
      throw new Error(`${file.path} errored without a message`);
    }
  }
}

let work: string;
beforeAll(() => {
  work = makeTempDir('fuzz');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const seeds = fixtureSeeds();

test('the transform registry over mutated fixture sources: parseable output or a reported error, never a throw', async () => {
  expect(seeds.length).toBeGreaterThan(0);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (seed, edits) => {
      const dir = path.join(work, `registry-${(run += 1)}`);
      copyTree(seed.before, dir);
      const target = path.join(dir, seed.file);
      fs.writeFileSync(target, mutate(fs.readFileSync(target, 'utf8'), edits));
      const report = await migrate({ dir, force: true, workers: 0 });
      checkRun(dir, report);
      fs.rmSync(dir, { recursive: true, force: true });
    }),
    { numRuns: 40 },
  );
});

test('the runner with its test transforms over mutated small files: parseable output or a reported error', async () => {
  const base = [
    "import { legacyCall } from 'legacy';\nexport const a = legacyCall(1, 'x');\nneedsHelp();\n",
    'export function splitMe() {\n  return 1;\n}\nexport const b = legacyCall(2);\n',
  ];
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...base),
      fc.constantFrom('a.ts', 'b.tsx', 'c.js', 'd.mjs'),
      fc.array(mutation, { maxLength: 4 }),
      async (source, name, edits) => {
        const dir = path.join(work, `runner-${(run += 1)}`);
        fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'src', name), mutate(source, edits));
        const report = await migrate({ dir, force: true, workers: 0, transformsModule: TEST_TRANSFORMS });
        checkRun(dir, report);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    ),
    { numRuns: 40 },
  );
});
