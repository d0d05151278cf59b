/**
 * What the codemods write must compile: every .ts file of every forklift-family `after` tree (and the committed
 * sample-migrated-backend) is type-checked against the framework's own sources with the repo's strict options,
 * in one TypeScript program (see support/typecheckTrees.ts for how each tree resolves its imports).
 *
 * Backstage-family trees import `@backstage/*` packages that are not installed here, so they cannot be checked;
 * they are listed as skipped tests (computed: a tree is backstage-family when it imports `@backstage/`).
 *
 * Nothing is ignored wholesale. The only exceptions are the two lists below, each entry reviewed, with its
 * reason, and each one proven still needed on every run (a stale entry fails the test).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { checkTrees, formatDiagnostic, isTypeScriptFile, listFiles, type TreeCheck, type TreeDiagnostic } from './support/typecheckTrees';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures');
const SAMPLE = path.join(REPO, 'sample-migrated-backend');

/** Files a case expects NOT to parse (its report.json says `error`): syntax errors are the point of the case. */
const UNPARSEABLE: Array<{ fixture: string; file: string; reason: string }> = [
  {
    fixture: 'backend-index/does-not-parse',
    file: 'packages/backend/src/index.ts',
    reason: 'a backend index with a missing parenthesis: the transform must report it and leave it untouched',
  },
  {
    fixture: 'plugin-export/entry-does-not-parse',
    file: 'src/index.ts',
    reason: 'a plugin entry with a broken object literal: the transform must report it and leave it untouched',
  },
];

/**
 * Diagnostics a case leaves on purpose, each at a manual step of its report.json (`manualStepLine`): the
 * diagnostic must sit on that line, or on the line right below it when that line is the `// TODO(forklift)`.
 */
const ALLOWED: Array<{ fixture: string; file: string; code: number; manualStepLine: number; reason: string }> = [
  {
    fixture: 'plugin-export/untyped-options',
    file: 'src/service/router.ts',
    code: 7006, // Parameter 'options' implicitly has an 'any' type.
    manualStepLine: 4,
    reason:
      'JS-era `createRouter(options)` without a type: the transform cannot tell the services it needs, so it leaves ' +
      'the package as it was and asks for a hand-written plugin at this very line; the implicit any is that gap.',
  },
];

interface Fixture {
  /** `<transform>/<case>` */
  name: string;
  afterDir: string;
  files: string[];
}

interface ReportJson {
  manualSteps?: Array<{ path: string; line: number; message: string }>;
  files?: Record<string, string>;
}

/** Real imports only (ES imports, exports, dynamic imports, require): a TODO's text naming a package does not count. */
function importsBackstage(file: string): boolean {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles.some((imported) => imported.fileName.startsWith('@backstage/'));
}

function listCases(): Fixture[] {
  const cases: Fixture[] = [];
  for (const transform of fs.readdirSync(FIXTURES).sort()) {
    const transformDir = path.join(FIXTURES, transform);
    if (!fs.statSync(transformDir).isDirectory()) continue;
    for (const name of fs.readdirSync(transformDir).sort()) {
      const afterDir = path.join(transformDir, name, 'after');
      if (fs.existsSync(afterDir)) cases.push({ name: `${transform}/${name}`, afterDir, files: listFiles(afterDir) });
    }
  }
  return cases;
}

function readReport(fixture: string): ReportJson {
  const file = path.join(FIXTURES, fixture, 'report.json');
  if (!fs.existsSync(file)) return {};
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as ReportJson | NonNullable<ReportJson['manualSteps']>;
  return Array.isArray(raw) ? { manualSteps: raw } : raw;
}

const allCases = listCases();
const isBackstage = (c: Fixture) => c.files.some((f) => /\.(c|m)?[jt]sx?$/.test(f) && importsBackstage(f));
const backstageCases = allCases.filter(isBackstage);
const forkliftCases = allCases.filter((c) => !isBackstage(c) && c.files.some(isTypeScriptFile));
const withoutTypeScript = allCases.filter((c) => !isBackstage(c) && !c.files.some(isTypeScriptFile));
// Listed here rather than from the sample tsconfig's `include`: that tsconfig inherits the repo's `exclude`
// (which names the sample folders), so on its own it selects no file at all.
const sampleFiles = listFiles(SAMPLE).filter(isTypeScriptFile);

let check: TreeCheck;

beforeAll(() => {
  check = checkTrees(REPO, [
    ...forkliftCases.map((c) => ({ dir: c.afterDir, files: c.files.filter(isTypeScriptFile) })),
    ...(sampleFiles.length > 0 ? [{ dir: SAMPLE, files: sampleFiles, tsconfig: path.join(SAMPLE, 'tsconfig.json') }] : []),
  ]);
}, 180_000);

test('fixtures split into the two import families, and the exception lists name forklift-family cases', () => {
  expect(forkliftCases.length).toBeGreaterThan(0);
  expect(backstageCases.length).toBeGreaterThan(0);
  const forklift = new Set(forkliftCases.map((c) => c.name));
  const misplaced = [...UNPARSEABLE, ...ALLOWED].map((e) => e.fixture).filter((f) => !forklift.has(f));
  expect(misplaced).toEqual([]);
});

test('the program itself is sound (options, global types)', () => {
  expect(check.programDiagnostics().map((d) => formatDiagnostic(d, REPO))).toEqual([]);
});

describe('backstage-family after trees: not checked (their @backstage/* imports are not installed here)', () => {
  test.skip.each(backstageCases.map((c) => c.name))('%s', () => undefined);
});

if (withoutTypeScript.length > 0) {
  describe('after trees with no TypeScript file: nothing to check', () => {
    test.skip.each(withoutTypeScript.map((c) => c.name))('%s', () => undefined);
  });
}

describe('forklift-family after trees type-check', () => {
  test.each(forkliftCases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    const report = readReport(fixture.name);
    const rel = (file: string) => path.relative(fixture.afterDir, file).split(path.sep).join('/');
    const problems: string[] = [];
    const unusedAllowances = new Set(ALLOWED.filter((a) => a.fixture === fixture.name));

    for (const file of fixture.files.filter(isTypeScriptFile)) {
      const diagnostics = check.diagnosticsOf(file);
      const unparseable = UNPARSEABLE.find((u) => u.fixture === fixture.name && u.file === rel(file));
      if (unparseable) {
        // The exception holds only while the case still is what it says: expected to error, and not parsing.
        if (report.files?.[unparseable.file] !== 'error')
          problems.push(`${rel(file)}: listed as unparseable but report.json does not expect status "error"`);
        if (!diagnostics.some((d) => d.kind === 'syntactic'))
          problems.push(`${rel(file)}: listed as unparseable but it parses; remove it from UNPARSEABLE`);
        continue;
      }
      // A file the run refused (status "error") and left byte for byte as it was is the legacy input, not output.
      const before = path.join(path.dirname(fixture.afterDir), 'before', rel(file));
      if (
        report.files?.[rel(file)] === 'error' &&
        fs.existsSync(before) &&
        fs.readFileSync(before, 'utf8') === fs.readFileSync(file, 'utf8')
      ) {
        continue;
      }
      const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
      for (const d of diagnostics) {
        const allowance = ALLOWED.find(
          (a) => a.fixture === fixture.name && a.file === rel(file) && a.code === d.code && sitsAt(d, a.manualStepLine, lines),
        );
        const anchored = allowance && report.manualSteps?.some((s) => s.path === allowance.file && s.line === allowance.manualStepLine);
        if (allowance && anchored) unusedAllowances.delete(allowance);
        else problems.push(formatDiagnostic(d, fixture.afterDir));
      }
    }
    for (const a of unusedAllowances) {
      problems.push(
        `${a.file}: ALLOWED TS${a.code} at manual step line ${a.manualStepLine} no longer occurs (or report.json has no such step); remove the entry`,
      );
    }
    expect(problems).toEqual([]);
  });
});

(sampleFiles.length > 0 ? test : test.skip)('sample-migrated-backend type-checks with its own tsconfig paths', () => {
  const problems = sampleFiles.flatMap((f) => check.diagnosticsOf(f)).map((d) => formatDiagnostic(d, SAMPLE));
  expect(problems).toEqual([]);
});

function sitsAt(d: TreeDiagnostic, stepLine: number, lines: readonly string[]): boolean {
  if (d.line === stepLine) return true;
  return d.line === stepLine + 1 && /\/\/\s*TODO\(forklift\)/.test(lines[stepLine - 1] ?? '');
}
