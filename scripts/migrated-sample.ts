/**
 * Keeps `sample-migrated-backend` and its manual-steps patch in step with the codemods.
 *
 *   npx tsx scripts/migrated-sample.ts patch       rewrite test/samples/manual-steps.patch from the committed
 *                                                  sample (after a new hand-made commit)
 *   npx tsx scripts/migrated-sample.ts regenerate  run forklift migrate on a fresh copy of the legacy sample,
 *                                                  apply the patch, and write the result over the sample
 *                                                  (after the codemods changed their output)
 *
 * Both print what changed; review it with `git diff` before committing.
 */
import fs from 'fs';
import { messageOf } from '../framework/wiring';
import os from 'os';
import path from 'path';
import {
  applyManualPatch,
  diffAgainstGenerated,
  filesInPatch,
  generateMigratedSample,
  HAND_WRITTEN_DOCS,
  listFiles,
  MANUAL_PATCH,
  MIGRATED_SAMPLE,
  REPO_ROOT,
} from './samples';

async function run(command: string | undefined): Promise<void> {
  if (command !== 'patch' && command !== 'regenerate') {
    throw new Error(`Unknown command ${JSON.stringify(command)}; use \`patch\` or \`regenerate\`.`);
  }
  const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-generated-sample-'));
  try {
    await generateMigratedSample(generated);
    if (command === 'patch') {
      const patch = diffAgainstGenerated(generated);
      fs.writeFileSync(MANUAL_PATCH, patch);
      console.log(`Wrote ${path.relative(REPO_ROOT, MANUAL_PATCH)}: ${filesInPatch(patch).join(', ') || 'no hand-made changes'}`);
      return;
    }
    applyManualPatch(generated);
    for (const file of listFiles(MIGRATED_SAMPLE)) {
      if (!HAND_WRITTEN_DOCS.includes(file)) fs.rmSync(path.join(MIGRATED_SAMPLE, file));
    }
    for (const file of listFiles(generated)) {
      fs.mkdirSync(path.dirname(path.join(MIGRATED_SAMPLE, file)), { recursive: true });
      fs.copyFileSync(path.join(generated, file), path.join(MIGRATED_SAMPLE, file));
    }
    console.log(`Regenerated ${path.relative(REPO_ROOT, MIGRATED_SAMPLE)}; review with \`git status\` and \`git diff\`.`);
  } finally {
    fs.rmSync(generated, { recursive: true, force: true });
  }
}

run(process.argv[2]).catch((error) => {
  console.error(messageOf(error));
  process.exitCode = 1;
});
