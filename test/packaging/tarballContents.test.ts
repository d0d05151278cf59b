/**
 * The tarball holds what users run and nothing else. `npm pack --dry-run` lists what `files` in
 * package.json lets through (dist/ is built by `npm install`'s prepare step; the list, not the bytes, matters).
 * The full packed-install check (install, CLI, entries, a backend on PostgreSQL) is `npm run check:package`.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { judgeTarballContents, REQUIRED_FILES } from '../../scripts/package-check/tarballContents';

const repoRoot = path.resolve(__dirname, '../..');

function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
  const [entry] = JSON.parse(output.slice(output.indexOf('['))) as Array<{ files: Array<{ path: string }> }>;
  return entry.files.map((file) => file.path);
}

describe('the published tarball', () => {
  const files = packedFiles();

  it('holds only compiled code, declarations, source maps, the launcher and the package documents', () => {
    expect(judgeTarballContents(files)).toEqual({ unexpected: [], missing: [] });
    expect(files.filter((file) => file.startsWith('test/') || file.startsWith('sample-') || file.startsWith('bench/'))).toEqual([]);
  });

  it('has every entry the exports map and the bin point at', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      exports: Record<string, { default?: string; types?: string } | string>;
      bin: Record<string, string>;
    };
    const pointedAt = [
      ...Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : [target.default, target.types])),
      ...Object.values(pkg.bin),
    ]
      .filter((target): target is string => typeof target === 'string')
      .map((target) => target.replace(/^\.\//, ''));
    expect(pointedAt.filter((target) => !files.includes(target))).toEqual([]);
    expect(REQUIRED_FILES.filter((file) => !files.includes(file))).toEqual([]);
  });

  it('rejects what does not belong in it', () => {
    expect(judgeTarballContents(['package.json', 'framework/index.ts', 'test/x.test.ts', 'dist/framework/index.js']).unexpected).toEqual([
      'framework/index.ts',
      'test/x.test.ts',
    ]);
  });
});
