/**
 * What the codemods write must compile: every .ts file of every forklift-family `after` tree (and the committed
 * sample-migrated-backend) is type-checked against the framework's own sources with the repo's strict options,
 * in one TypeScript program (see support/typecheckTrees.ts for how each tree resolves its imports).
 *
 * Backstage-family trees (computed: a tree is backstage-family when it imports `@backstage/`) are type-checked
 * against real published packages at two release lines, each installed into a prefix of its own by .ci/run:
 * test/published-backstage/old (new-system plugins under `/alpha`) and test/published-backstage/current. A tree
 * goes to the line its own package.json pins: `old` when it asks for an older @backstage/backend-common than the
 * current line has, `current` otherwise (and when it pins nothing).
 *
 * Nothing is ignored wholesale. The only exceptions are the two lists below, each entry reviewed, with its
 * reason, and each one proven still needed on every run (a stale entry fails the test).
 * No case is skipped: one that does not compile has a wrong fixture (complete it: its workspace packages, files,
 * pinned versions; a published module it imports goes into the prefixes) or wrong output (fix the codemod).
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import ts from 'typescript';
import { allowanceFor, type AllowedDiagnostic } from './support/allowedDiagnostics';
import { checkTrees, formatDiagnostic, isTypeScriptFile, listFiles, type TreeCheck } from './support/typecheckTrees';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures');
const SAMPLE = path.join(REPO, 'sample-migrated-backend');
const PUBLISHED = path.join(REPO, 'test', 'published-backstage');
const LINES = ['old', 'current'] as const;
type ReleaseLine = (typeof LINES)[number];
/** The package whose pinned version decides a tree's line: every legacy Backstage backend depends on it. */
const LINE_ANCHOR = '@backstage/backend-common';

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
 * Diagnostics a case leaves on purpose, each anchored to a manual step of its report.json (`manualStepLine`): the
 * diagnostic must sit on that line, or on the line right below it when that line is the `// TODO(forklift)`, or
 * on one of the lines listed in `at` (code that cannot compile until that manual step is done).
 */
const ALLOWED: Array<AllowedDiagnostic & { fixture: string }> = [
  {
    fixture: 'plugin-export/untyped-options',
    file: 'src/service/router.ts',
    code: 7006, // Parameter 'options' implicitly has an 'any' type.
    manualStepLine: 4,
    reason:
      'JS-era `createRouter(options)` without a type: the transform cannot tell the services it needs, so it leaves ' +
      'the package as it was and asks for a hand-written plugin at this very line; the implicit any is that gap.',
  },
  {
    fixture: 'plugin-export/token-manager-identity',
    file: 'src/plugin.ts',
    code: 2345, // RouterOptions requires `tokenManager` and `identity`
    manualStepLine: 30,
    at: [33],
    reason:
      'the router requires a token manager and an identity API, which the new backend system does not have; the manual ' +
      'steps at lines 30 and 31 say what replaces them, and the call cannot compile until the router is changed.',
  },
  {
    fixture: 'plugin-export/unknown-required-field',
    file: 'src/plugin.ts',
    code: 2345, // RouterOptions requires `todoService`
    manualStepLine: 17,
    at: [19],
    reason:
      'the router requires `todoService`, which no core service provides; the manual step asks for it to be built and ' +
      'passed on, and until it is the call does not compile (the error --verify reports for this migration).',
  },
  {
    fixture: 'catalog-module/foreign-catalog-target-backstage',
    file: 'packages/backend/src/modules/catalogModuleOwnerDefaultsProcessor.ts',
    code: 2345, // the processor's Entity (the repository's own catalog) is not @backstage/catalog-model's
    manualStepLine: 14,
    reason:
      "the processor implements an in-repo catalog's types, not Backstage's; the manual step asks to make it fit " +
      "Backstage's catalog before the module is added, and until then handing it to Backstage's extension point does not compile.",
  },
  {
    fixture: 'backend-index/example-backend-events',
    file: 'packages/backend/src/index.ts',
    code: 2345, // legacyPlugin's environment lacks `eventBroker` and `events`
    manualStepLine: 18,
    at: [55, 59, 63],
    reason:
      'the plugins read the custom env fields `eventBroker` and `events`, which the new backend cannot provide until ' +
      "the manual step at line 18 (and 25) makes them services; until then Backstage's legacyPlugin rejects their env type.",
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

function installedVersion(line: ReleaseLine, pkg: string): string | undefined {
  const manifest = path.join(PUBLISHED, line, 'node_modules', pkg, 'package.json');
  return fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
}

const currentAnchor = installedVersion('current', LINE_ANCHOR);
const linesInstalled = LINES.every((line) => installedVersion(line, LINE_ANCHOR) !== undefined);
if (!linesInstalled) {
  const hint = LINES.map((line) => `npm ci --prefix test/published-backstage/${line} --ignore-scripts`).join(' and ');
  if (process.env.CI) throw new Error(`test/published-backstage/*/node_modules is missing: run ${hint} (as .ci/run does)`);
  console.warn(`SKIPPED backstage-family type-checks: test/published-backstage/*/node_modules is missing; run ${hint}`);
}

/** The release line a tree pins (see the header). */
function lineOf(c: Fixture): ReleaseLine {
  const pinned = c.files
    .filter((f) => path.basename(f) === 'package.json')
    .map((f) => (JSON.parse(fs.readFileSync(f, 'utf8')) as { dependencies?: Record<string, string> }).dependencies?.[LINE_ANCHOR])
    .filter((range): range is string => typeof range === 'string' && semver.validRange(range) !== null)
    .map((range) => semver.minVersion(range)!.version);
  return currentAnchor && pinned.some((v) => semver.lt(v, currentAnchor)) ? 'old' : 'current';
}
const backstageByLine = Object.fromEntries(LINES.map((line) => [line, backstageCases.filter((c) => lineOf(c) === line)])) as Record<
  ReleaseLine,
  Fixture[]
>;

// Listed here rather than from the sample tsconfig's `include`: that tsconfig inherits the repo's `exclude`
// (which names the sample folders), so on its own it selects no file at all.
const sampleFiles = listFiles(SAMPLE).filter(isTypeScriptFile);

let check: TreeCheck;
const publishedChecks: Partial<Record<ReleaseLine, TreeCheck>> = {};

beforeAll(() => {
  if (linesInstalled) {
    for (const line of LINES) {
      const trees = backstageByLine[line].map((c) => ({ dir: c.afterDir, files: c.files.filter(isTypeScriptFile) }));
      publishedChecks[line] = checkTrees(REPO, trees, { modulesFrom: path.join(PUBLISHED, line) });
    }
  }
  check = checkTrees(REPO, [
    ...forkliftCases.map((c) => ({ dir: c.afterDir, files: c.files.filter(isTypeScriptFile) })),
    ...(sampleFiles.length > 0 ? [{ dir: SAMPLE, files: sampleFiles, tsconfig: path.join(SAMPLE, 'tsconfig.json') }] : []),
  ]);
}, 180_000);

test('fixtures split into the two import families, and the exception lists name checked cases', () => {
  expect(forkliftCases.length).toBeGreaterThan(0);
  expect(backstageCases.length).toBeGreaterThan(0);
  const checked = new Set([...forkliftCases, ...backstageCases].map((c) => c.name));
  const misplaced = [...UNPARSEABLE, ...ALLOWED].map((e) => e.fixture).filter((f) => !checked.has(f));
  expect(misplaced).toEqual([]);
});

test('the program itself is sound (options, global types)', () => {
  expect(check.programDiagnostics().map((d) => formatDiagnostic(d, REPO))).toEqual([]);
});

describe.each(LINES)('backstage-family after trees type-check against the published packages of the %s line', (line) => {
  const cases = backstageByLine[line];
  (linesInstalled ? test : test.skip)('the line has cases', () => expect(cases.length).toBeGreaterThan(0));
  (linesInstalled ? test.each : test.skip.each)(cases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    expect(problemsOf(fixture, publishedChecks[line]!)).toEqual([]);
  });
});

if (withoutTypeScript.length > 0) {
  describe('after trees with no TypeScript file: nothing to check', () => {
    test.skip.each(withoutTypeScript.map((c) => c.name))('%s', () => undefined);
  });
}

describe('forklift-family after trees type-check', () => {
  test.each(forkliftCases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    expect(problemsOf(fixture, check)).toEqual([]);
  });
});

/** Every diagnostic of a tree that no exception list accounts for, and every stale exception. */
function problemsOf(fixture: Fixture, treeCheck: TreeCheck): string[] {
  const report = readReport(fixture.name);
  const rel = (file: string) => path.relative(fixture.afterDir, file).split(path.sep).join('/');
  const problems: string[] = [];
  const unusedAllowances = new Set(ALLOWED.filter((a) => a.fixture === fixture.name));

  for (const file of fixture.files.filter(isTypeScriptFile)) {
    const diagnostics = treeCheck.diagnosticsOf(file);
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
    const allowances = ALLOWED.filter((a) => a.fixture === fixture.name);
    for (const d of diagnostics) {
      const allowance = allowanceFor(d, rel(file), lines, allowances, report.manualSteps);
      if (allowance) unusedAllowances.delete(allowance);
      else problems.push(formatDiagnostic(d, fixture.afterDir));
    }
  }
  for (const a of unusedAllowances) {
    problems.push(
      `${a.file}: ALLOWED TS${a.code} at manual step line ${a.manualStepLine} no longer occurs (or report.json has no such step); remove the entry`,
    );
  }
  return problems;
}

(sampleFiles.length > 0 ? test : test.skip)('sample-migrated-backend type-checks with its own tsconfig paths', () => {
  const problems = sampleFiles.flatMap((f) => check.diagnosticsOf(f)).map((d) => formatDiagnostic(d, SAMPLE));
  expect(problems).toEqual([]);
});
