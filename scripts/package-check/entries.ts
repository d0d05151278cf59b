import fs from 'fs';
import path from 'path';
import { run } from './run';

/** Each public entry and one export it must provide. */
const ENTRIES: Array<{ specifier: string; exportName: string }> = [
  { specifier: 'forklift/framework', exportName: 'createBackend' },
  { specifier: 'forklift/framework/testing', exportName: 'startTestBackend' },
  { specifier: 'forklift/legacy-bridge', exportName: 'legacyPlugin' },
];

function checkRuntime(project: string): void {
  const cjs = ENTRIES.map(
    ({ specifier, exportName }) =>
      `if (typeof require(${JSON.stringify(specifier)}).${exportName} !== 'function') throw new Error('require(${specifier}).${exportName} is not a function');`,
  ).join('\n');
  const esm = ENTRIES.map(
    ({ specifier, exportName }, i) =>
      `import { ${exportName} as e${i} } from ${JSON.stringify(specifier)};\nif (typeof e${i} !== 'function') throw new Error('import { ${exportName} } from ${specifier} is not a function');`,
  ).join('\n');
  fs.writeFileSync(path.join(project, 'entries.cjs'), cjs + '\n');
  fs.writeFileSync(path.join(project, 'entries.mjs'), esm + '\n');
  run(process.execPath, ['entries.cjs'], { cwd: project });
  run(process.execPath, ['entries.mjs'], { cwd: project });
}

/**
 * The types of every entry resolve to real declarations (not `any`) under the two module resolutions
 * TypeScript users have today. Checked with this repository's TypeScript, against the installed package.
 */
function checkTypes(project: string, repoRoot: string): void {
  const lines = [`type IsAny<T> = 0 extends 1 & T ? true : false;`];
  ENTRIES.forEach(({ specifier, exportName }, i) => {
    lines.push(`import { ${exportName} as e${i} } from ${JSON.stringify(specifier)};`);
    lines.push(`export const typed${i}: IsAny<typeof e${i}> = false;`);
  });
  fs.writeFileSync(path.join(project, 'entries.mts'), lines.join('\n') + '\n');
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const common = [
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--types',
    'node',
    '--typeRoots',
    path.join(repoRoot, 'node_modules', '@types'),
  ];
  for (const [module, resolution] of [
    ['node16', 'node16'],
    ['esnext', 'bundler'],
  ]) {
    try {
      run(process.execPath, [tsc, ...common, '--module', module, '--moduleResolution', resolution, 'entries.mts'], { cwd: project });
    } catch (error) {
      throw new Error(
        `the entries' types do not resolve under moduleResolution ${resolution}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

export function checkEntries(project: string, repoRoot: string): void {
  checkRuntime(project);
  checkTypes(project, repoRoot);
}
