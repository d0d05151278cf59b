/**
 * Every fixture under test/fixtures/<transform>/<case>/ runs through the CLI's own code path (`main`),
 * limited to its transform: the result must equal `after/` byte for byte (created and deleted files
 * included), a second run must change nothing, and `report.json`, when present, must match.
 *
 * report.json is either the expected manual steps (an array), or an object with `manualSteps` and/or
 * `files` (path -> expected status). options.json may set `target`, `partial` (the `--partial` flag) and `with`:
 * more transforms to run alongside (package-json cases run the transform whose output they declare, so the
 * after tree is the code and the manifest of one run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { allTransforms } from '../../codemods/transforms';
import { runMigrateJson } from './support/cli';
import { copyTree, makeTempDir, readTree, treeDifferences } from './support/trees';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

interface ExpectedReport {
  manualSteps?: Array<{ path: string; line: number; message: string }>;
  files?: Record<string, string>;
}

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

function listDirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

const transformDirs = listDirs(FIXTURES);
const registered = new Set(allTransforms.map((t) => t.name));

test('fixtures exist', () => {
  expect(transformDirs.length).toBeGreaterThan(0);
});

describe.each(transformDirs)('%s', (transform) => {
  const cases = listDirs(path.join(FIXTURES, transform));

  test.each(cases)('%s', async (name) => {
    expect({ transform, registeredIn: 'codemods/transforms/index.ts', registered: registered.has(transform) }).toEqual({
      transform,
      registeredIn: 'codemods/transforms/index.ts',
      registered: true,
    });
    const caseDir = path.join(FIXTURES, transform, name);
    const options = readJson<{ target?: string; partial?: boolean; with?: string[] }>(path.join(caseDir, 'options.json')) ?? {};
    const raw = readJson<ExpectedReport | ExpectedReport['manualSteps']>(path.join(caseDir, 'report.json'));
    const expected: ExpectedReport | undefined = Array.isArray(raw) ? { manualSteps: raw } : raw;

    const work = makeTempDir('fixture');
    try {
      copyTree(path.join(caseDir, 'before'), work);
      const args = [
        work,
        '--only',
        [transform, ...(options.with ?? [])].join(','),
        ...(options.target ? ['--target', options.target] : []),
        ...(options.partial ? ['--partial'] : []),
      ];

      const first = await runMigrateJson(args);
      expect(treeDifferences(readTree(work), readTree(path.join(caseDir, 'after')))).toEqual([]);
      if (expected?.manualSteps) expect(first.report.manualSteps).toEqual(expected.manualSteps);
      if (expected?.files) {
        const statuses = Object.fromEntries(
          (first.report.files as Array<{ path: string; status: string }>)
            .filter((f) => f.path in expected.files!)
            .map((f) => [f.path, f.status]),
        );
        expect(statuses).toEqual(expected.files);
      }
      const errors = (first.report.files as Array<{ status: string }>).filter((f) => f.status === 'error');
      expect(first.code).toBe(errors.length > 0 ? 1 : 0);

      const afterFirst = readTree(work);
      const second = await runMigrateJson(args);
      expect(treeDifferences(readTree(work), afterFirst)).toEqual([]);
      expect({ ok: second.report.summary.ok, created: second.report.summary.created, deleted: second.report.summary.deleted }).toEqual({
        ok: 0,
        created: 0,
        deleted: 0,
      });
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
