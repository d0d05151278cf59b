/**
 * The samples' path as code: copy the legacy sample, run `forklift migrate` on the copy, and the reviewed
 * patch of hand-made steps that turns that output into the committed `sample-migrated-backend`.
 * `npm start`, `scripts/migrated-sample.ts` and the tests use these, so all of them walk the same path.
 */
export { REPO_ROOT, LEGACY_SAMPLE, MIGRATED_SAMPLE, MANUAL_PATCH, HAND_WRITTEN_DOCS } from './paths';
export { copySample, listFiles } from './files';
export { runForklift, type ForkliftRun } from './runForklift';
export { generateMigratedSample } from './generate';
export { applyManualPatch, diffAgainstGenerated, filesInPatch } from './manualPatch';
