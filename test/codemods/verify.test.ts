/**
 * `forklift verify`: the TypeScript check of a change, before and after, with the repository's own setup.
 * Plain TypeScript repositories here (node_modules linked to this repo's, so `typescript` and `@types/node`
 * resolve as in a real install); the migration end to end with --verify is in verifyMigration.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, verifyChanges } from '../../codemods/verify';
import { runCli } from './support/cli';
import { makeTempDir } from './support/trees';

const REPO = path.join(__dirname, '..', '..');
// Every case runs the compiler over a small program twice (before and after); slow on a loaded machine.
jest.setTimeout(120_000);

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temporary directory removed after the file's tests. */
function tempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  made.push(dir);
  return dir;
}

function writeRepo(dir: string, files: Record<string, string>, withNodeModules = true): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  if (withNodeModules) fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
}

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'ES2022', types: [] } });

const BEFORE = {
  'package.json': '{ "name": "demo", "private": true }\n',
  'tsconfig.json': TSCONFIG,
  'src/greet.ts': 'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n',
  'src/main.ts': "import { greet } from './greet';\n\nexport const line: string = greet('you');\n",
  // An error that has nothing to do with any change: counted, never blamed.
  'src/broken.ts': "import { greet } from './greet';\n\nexport const count: number = 'three';\nexport const again = greet('x');\n",
};

test('an error a change introduces in an importer is reported with its file, line and message; one already there is only counted', () => {
  const dir = tempDir('verify');
  writeRepo(dir, BEFORE);
  const after = 'export function greet(name: string, punctuation: string): string {\n  return `hello ${name}${punctuation}`;\n}\n';
  const report = verifyChanges({
    root: dir,
    changes: [{ path: 'src/greet.ts', before: BEFORE['src/greet.ts'], after }],
    sourceFiles: ['src/greet.ts', 'src/main.ts', 'src/broken.ts'],
    localPackages: new Set(['demo']),
  });
  expect(report.verified).toBe(true);
  expect(report.compiler).toMatch(/^typescript \S+ \(the repository's\)$/);
  expect(report.tsconfig).toBe('tsconfig.json');
  expect(report.checkedFiles).toEqual(['src/broken.ts', 'src/greet.ts', 'src/main.ts']);
  expect(report.introduced.map((d) => [d.path, d.line, d.code])).toEqual([
    ['src/broken.ts', 4, 2554],
    ['src/main.ts', 3, 2554],
  ]);
  expect(report.introduced[1].message).toBe('Expected 2 arguments, but got 1.');
  expect(report.preExisting).toBe(1);
});

test('without node_modules it says so and checks nothing', () => {
  const dir = tempDir('verify');
  writeRepo(dir, BEFORE, false);
  const report = verifyChanges({
    root: dir,
    changes: [{ path: 'src/greet.ts', before: BEFORE['src/greet.ts'], after: 'export const broken: number = "x";\n' }],
    sourceFiles: Object.keys(BEFORE),
    localPackages: new Set(),
  });
  expect(report).toMatchObject({ verified: false, checkedFiles: [], introduced: [], preExisting: 0 });
  expect(report.reason).toMatch(/has no node_modules: install the repository's dependencies/);
});

test("a deleted file is the migration's error in every file still importing it; a created file is checked whole", () => {
  const dir = tempDir('verify');
  writeRepo(dir, BEFORE);
  const report = verifyChanges({
    root: dir,
    changes: [
      { path: 'src/greet.ts', before: BEFORE['src/greet.ts'], after: null },
      { path: 'src/new.ts', before: null, after: 'export const made: string = 1;\n' },
    ],
    sourceFiles: ['src/main.ts', 'src/broken.ts', 'src/new.ts'],
    localPackages: new Set(),
  });
  expect(report.introduced.map((d) => [d.path, d.line, d.code])).toEqual([
    ['src/broken.ts', 1, 2307],
    ['src/main.ts', 1, 2307],
    ['src/new.ts', 1, 2322],
  ]);
});

test('diagnostics are matched by file, code and message, not line: moved lines are not new errors', () => {
  const d = (line: number, message = 'm') => ({ path: 'a.ts', line, code: 1, message });
  expect(compareDiagnostics([d(1), d(5)], [d(3), d(9), d(10)])).toEqual({ introduced: [d(10)], preExisting: 2 });
  expect(compareDiagnostics([d(1)], [d(1, 'other')])).toEqual({ introduced: [d(1, 'other')], preExisting: 0 });
});

describe('forklift verify <dir>: the working tree against a git revision', () => {
  function gitRepo(): string {
    const dir = tempDir('verify-git');
    writeRepo(dir, BEFORE);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'before');
    return dir;
  }

  test('exit 1 with an ERROR line per introduced error; the pre-existing one is only counted', async () => {
    const dir = gitRepo();
    fs.writeFileSync(path.join(dir, 'src/greet.ts'), 'export function greet(name: string): number {\n  return name.length;\n}\n');
    const run = await runCli(['verify', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("ERROR    src/main.ts: line 3: TS2322 Type 'number' is not assignable to type 'string'.");
    expect(run.stdout).toMatch(/3 files type-checked, 1 errors introduced by the migration, 1 pre-existing/);
  });

  test('exit 0 when the change compiles; --json gives the report', async () => {
    const dir = gitRepo();
    fs.writeFileSync(path.join(dir, 'src/greet.ts'), 'export function greet(name: string): string {\n  return `hi ${name}`;\n}\n');
    const run = await runCli(['verify', dir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verified: true, introduced: [], preExisting: 1 });
  });

  test('an unknown base revision is bad usage (exit 2) naming the fix', async () => {
    const run = await runCli(['verify', gitRepo(), '--base', 'no-such-branch']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-branch is not a git revision here.*--base <revision>/);
  });
});
