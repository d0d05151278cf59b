/**
 * The samples' path as code: copy the legacy sample, run `forklift migrate` on the copy, apply the reviewed
 * patch of hand-made steps (the bridged state), then `forklift adopt` each plugin of ADOPTION_ORDER in turn:
 * the committed `sample-migrated-backend`.
 * `npm start`, `scripts/migrated-sample.ts` and the tests use these, so all of them walk the same path.
 */
export { REPO_ROOT, LEGACY_SAMPLE, MIGRATED_SAMPLE, MANUAL_PATCH, HAND_WRITTEN_DOCS } from './paths';
export { copySample, listFiles } from './files';
export { runForklift, type ForkliftRun } from './runForklift';
export { generateMigratedSample, materialiseSampleState } from './generate';
export { ADOPTION_ORDER, adoptInOrder } from './adoption';
export { applyManualPatch, diffAgainstGenerated, filesInPatch } from './manualPatch';
