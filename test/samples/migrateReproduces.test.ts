/**
 * `sample-migrated-backend` is what `forklift migrate` makes of the legacy sample, plus the hand-made steps of
 * its README, kept as one reviewed patch (test/samples/manual-steps.patch), then `forklift adopt` for each
 * plugin of ADOPTION_ORDER. Regenerating it from a fresh copy that way must give the committed files byte for byte.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  adoptInOrder,
  applyManualPatch,
  filesInPatch,
  generateMigratedSample,
  HAND_WRITTEN_DOCS,
  listFiles,
  MANUAL_PATCH,
  MIGRATED_SAMPLE,
  type ForkliftRun,
} from '../../scripts/samples';

/** The files the hand-made commits touch; anything else in the patch is a step nobody reviewed here. */
const HAND_CHANGED = [
  'packages/backend/src/index.ts',
  'packages/backend/src/plugins/catalog.ts',
  'packages/backend/src/plugins/healthcheck.ts',
  'plugins/catalog-backend/src/extensions.ts',
  'plugins/catalog-backend/src/index.ts',
  'plugins/catalog-backend/src/plugin.ts',
];

let workDir: string;
let generated: string;
let run: ForkliftRun;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-reproduce-'));
  generated = path.join(workDir, 'sample');
  run = await generateMigratedSample(generated);
}, 120000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('forklift migrate on a fresh copy of sample-legacy-backend', () => {
  it('reports the manual steps the sample README walks through', () => {
    const report = JSON.parse(run.stdout);
    expect(report.summary.errors).toBe(0);
    expect(report.manualSteps.map((step: { path: string }) => step.path).sort()).toEqual([
      'packages/backend/src/index.ts',
      'packages/backend/src/index.ts',
      'packages/backend/src/plugins/catalog.ts',
      'plugins/reports-backend/src/plugin.ts',
    ]);
  });

  it('the manual-steps patch touches only the reviewed files', () => {
    expect(filesInPatch(fs.readFileSync(MANUAL_PATCH, 'utf8')).sort()).toEqual([...HAND_CHANGED].sort());
  });

  it('plus the manual-steps patch and forklift adopt of each plugin equals the committed sample-migrated-backend, file for file', async () => {
    applyManualPatch(generated);
    await adoptInOrder(generated);
    const committed = listFiles(MIGRATED_SAMPLE).filter((file) => !HAND_WRITTEN_DOCS.includes(file));
    expect(listFiles(generated)).toEqual(committed);
    for (const file of committed) {
      const expected = fs.readFileSync(path.join(MIGRATED_SAMPLE, file), 'utf8');
      // toEqual on { file, text } so a difference names the file.
      expect({ file, text: fs.readFileSync(path.join(generated, file), 'utf8') }).toEqual({ file, text: expected });
    }
  });

  it('without the patch (adopted all the same), differs from the committed sample exactly in the reviewed files', async () => {
    const fresh = path.join(workDir, 'unpatched');
    await generateMigratedSample(fresh);
    await adoptInOrder(fresh);
    const read = (dir: string, file: string) =>
      fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), 'utf8') : undefined;
    const differing = [...new Set([...listFiles(MIGRATED_SAMPLE), ...listFiles(fresh)])]
      .filter((file) => !HAND_WRITTEN_DOCS.includes(file))
      .filter((file) => read(fresh, file) !== read(MIGRATED_SAMPLE, file))
      .sort();
    expect(differing).toEqual([...HAND_CHANGED].sort());
  }, 120000);
});
