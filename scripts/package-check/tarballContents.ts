/**
 * What the published tarball may hold: compiled code with its declarations and self-contained source maps,
 * data files the codemods read, the CLI launcher, and the package documents. Sources, tests, samples, fixtures and benchmarks stay home.
 * `package.json` `files` decides; this is the check both the package-check script and the unit test use.
 */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^bin\/forklift\.js$/,
  /^dist\/(framework|legacy-bridge|codemods)\/.+\.(js|d\.ts|js\.map)$/,
  // Data the codemods read at run time (which package entry holds what, per published version).
  /^dist\/codemods\/.+\.json$/,
];

/** Entry files every public export needs; a tarball without one of them is broken. */
export const REQUIRED_FILES = [
  'bin/forklift.js',
  'dist/framework/index.js',
  'dist/framework/index.d.ts',
  'dist/framework/testing/index.js',
  'dist/framework/testing/index.d.ts',
  'dist/legacy-bridge/index.js',
  'dist/legacy-bridge/index.d.ts',
  'dist/codemods/cli.js',
  'LICENSE',
  'README.md',
  'CHANGELOG.md',
];

/** The files of a packed tarball that should not be in it, and the required files that are missing. */
export function judgeTarballContents(files: string[]): { unexpected: string[]; missing: string[] } {
  const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
  const present = new Set(files);
  const missing = REQUIRED_FILES.filter((file) => !present.has(file));
  return { unexpected, missing };
}
