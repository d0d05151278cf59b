/**
 * Keeps `sample-migrated-backend` and its manual-steps patch in step with the codemods.
 *
 *   npx tsx scripts/migrated-sample.ts patch       rewrite test/samples/manual-steps.patch from the committed
 *                                                  sample (after a new hand-made commit): the sample with its
 *                                                  adoption steps taken back (forklift adopt --undo), against
 *                                                  the migrate output
 *   npx tsx scripts/migrated-sample.ts regenerate  run forklift migrate on a fresh copy of the legacy sample,
 *                                                  apply the patch, forklift adopt each plugin of
 *                                                  ADOPTION_ORDER, and write the result over the sample
 *                                                  (after the codemods changed their output)
 *
 * Both print what changed; review it with `git diff` before committing.
 */
import fs from 'fs';
import { messageOf } from '../framework/wiring';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import {
  ADOPTION_ORDER,
  diffAgainstGenerated,
  filesInPatch,
  generateMigratedSample,
  materialiseSampleState,
  runForklift,
  HAND_WRITTEN_DOCS,
  listFiles,
  MANUAL_PATCH,
  MIGRATED_SAMPLE,
  REPO_ROOT,
} from './samples';

function git(cwd: string, args: string[]): void {
  execFileSync('git', ['-c', 'user.name=forklift', '-c', 'user.email=forklift@localhost', ...args], {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd) },
  });
}

/**
 * The committed sample before its adoption steps, in `dir`: a git history of the bridged state the codemods
 * make and the committed sample on top, then `forklift adopt --undo` for each adopted plugin, newest first.
 */
async function unadoptedSample(dir: string): Promise<void> {
  await materialiseSampleState(dir, 0);
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-gpg-sign', '-m', 'bridged']);
  for (const file of listFiles(dir)) fs.rmSync(path.join(dir, file));
  for (const file of listFiles(MIGRATED_SAMPLE)) {
    if (HAND_WRITTEN_DOCS.includes(file)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(MIGRATED_SAMPLE, file), path.join(dir, file));
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-gpg-sign', '-m', 'committed']);
  for (const id of [...ADOPTION_ORDER].reverse()) {
    const undo = await runForklift(['adopt', '--undo', id, '-C', dir, '--force']);
    if (undo.code !== 0) throw new Error(`forklift adopt --undo ${id} exited with ${undo.code}:\n${undo.stdout}\n${undo.stderr}`);
  }
  fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
}

async function run(command: string | undefined): Promise<void> {
  if (command !== 'patch' && command !== 'regenerate') {
    throw new Error(`Unknown command ${JSON.stringify(command)}; use \`patch\` or \`regenerate\`.`);
  }
  const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-generated-sample-'));
  try {
    if (command === 'patch') {
      await generateMigratedSample(generated);
      const bridged = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-bridged-sample-'));
      let patch: string;
      try {
        await unadoptedSample(bridged);
        patch = diffAgainstGenerated(generated, bridged);
      } finally {
        fs.rmSync(bridged, { recursive: true, force: true });
      }
      fs.writeFileSync(MANUAL_PATCH, patch);
      console.log(`Wrote ${path.relative(REPO_ROOT, MANUAL_PATCH)}: ${filesInPatch(patch).join(', ') || 'no hand-made changes'}`);
      return;
    }
    await materialiseSampleState(generated);
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
