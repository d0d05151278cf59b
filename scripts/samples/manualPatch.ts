import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { copySample, listFiles } from './files';
import { HAND_WRITTEN_DOCS, MANUAL_PATCH, MIGRATED_SAMPLE } from './paths';

/** git on its own in `cwd`: no repository above it is found, no user config changes the output. */
function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', ['-c', 'core.quotepath=off', '-c', 'user.name=forklift', '-c', 'user.email=forklift@localhost', ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Applies the reviewed patch of hand-made steps to a generated sample in `dir` (not inside a git work tree). */
export function applyManualPatch(dir: string, patch: string = fs.readFileSync(MANUAL_PATCH, 'utf8')): void {
  try {
    git(dir, ['apply', '--whitespace=nowarn', '-'], patch);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(
      `The manual-steps patch (${path.relative(process.cwd(), MANUAL_PATCH)}) no longer applies to the generated sample in ${dir}:\n${stderr}\n` +
        'The codemods changed their output: run `npx tsx scripts/migrated-sample.ts regenerate` and review the result.',
    );
  }
}

/**
 * The difference between a generated sample in `generatedDir` and a finished sample (by default the committed
 * `sample-migrated-backend`), README excluded, as a git patch with paths relative to the sample.
 */
export function diffAgainstGenerated(generatedDir: string, finishedDir: string = MIGRATED_SAMPLE): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-manual-patch-'));
  try {
    copySample(generatedDir, work);
    git(work, ['init', '-q']);
    git(work, ['add', '-A']);
    git(work, ['commit', '-q', '--no-gpg-sign', '-m', 'generated']);
    for (const file of listFiles(work)) fs.rmSync(path.join(work, file));
    for (const file of listFiles(finishedDir)) {
      if (HAND_WRITTEN_DOCS.includes(file)) continue;
      fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      fs.copyFileSync(path.join(finishedDir, file), path.join(work, file));
    }
    git(work, ['add', '-A']);
    return git(work, ['diff', '--cached', '--no-color', '--no-ext-diff', '--no-renames']);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The sample-relative paths a patch touches, in order. */
export function filesInPatch(patch: string): string[] {
  return [...patch.matchAll(/^diff --git a\/(\S+) b\/\S+$/gm)].map((match) => match[1]);
}
