import path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const LEGACY_SAMPLE = path.join(REPO_ROOT, 'sample-legacy-backend');
export const MIGRATED_SAMPLE = path.join(REPO_ROOT, 'sample-migrated-backend');
/** The hand-made commits on top of the generated sample, as one reviewed patch (paths relative to the sample). */
export const MANUAL_PATCH = path.join(REPO_ROOT, 'test/samples/manual-steps.patch');
/** Files of the migrated sample that are prose for readers, written by hand and kept out of the patch. */
export const HAND_WRITTEN_DOCS = ['README.md'];
