/** The worker-pool path gives exactly the in-process result, and really runs on worker threads. */
import fs from 'node:fs';
import path from 'node:path';
import { generateRepo } from './support/generateRepo';
import { runMigrateJson } from './support/cli';
import { TEST_TRANSFORMS } from './support/repos';
import { copyTree, makeTempDir, readTree, treeDifferences } from './support/trees';

test('two worker threads produce the same files and report as the in-process run', async () => {
  const base = makeTempDir('pool');
  try {
    const pooled = path.join(base, 'pooled');
    const inline = path.join(base, 'inline');
    generateRepo(pooled, 80, { 'src/probe.ts': 'reportThread();\n' });
    copyTree(pooled, inline);

    const a = await runMigrateJson([pooled, '--force'], { transformsModule: TEST_TRANSFORMS, workers: 2 });
    const b = await runMigrateJson([inline, '--force'], { transformsModule: TEST_TRANSFORMS, workers: 0 });

    const threadOf = (report: { manualSteps: Array<{ message: string }> }) =>
      report.manualSteps.find((s) => s.message.startsWith('ran on thread'))!.message;
    expect(threadOf(a.report)).not.toBe('ran on thread 0');
    expect(threadOf(b.report)).toBe('ran on thread 0');

    expect(a.code).toBe(0);
    expect(a.report.files).toEqual(b.report.files);
    expect(a.report.summary).toEqual(b.report.summary);
    expect(a.report.summary).toMatchObject({ ok: 64, created: 16, errors: 0 });
    expect(treeDifferences(readTree(pooled), readTree(inline))).toEqual([]);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('transforms read other files as the run found them, not as already rewritten', async () => {
  const dir = makeTempDir('snapshot');
  try {
    // In-process, files run in path order: a-sibling.ts is rewritten before z-reader.ts reads it.
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/a-sibling.ts'), 'export const s = legacyCall(1);\n');
    fs.writeFileSync(path.join(dir, 'src/z-reader.ts'), "readSibling('a-sibling.ts');\n");
    const { report } = await runMigrateJson([dir, '--force'], { transformsModule: TEST_TRANSFORMS, workers: 0 });
    expect(report.summary.ok).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'src/a-sibling.ts'), 'utf8')).toBe('export const s = modernCall(1);\n');
    expect(fs.readFileSync(path.join(dir, 'src/z-reader.ts'), 'utf8')).toBe(
      "readSibling('a-sibling.ts');\n// sibling said: export const s = legacyCall(1);\n",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
