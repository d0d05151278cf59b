import path from 'path';
import { run } from './run';
import { judgeTarballContents } from './tarballContents';

export interface PackedTarball {
  tarball: string;
  files: string[];
  size: number;
  unpackedSize: number;
}

interface NpmPackEntry {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

/** `npm pack` (which builds dist/ through the prepare script) into `destination`, with its contents judged. */
export function packTarball(repoRoot: string, destination: string): PackedTarball {
  const output = run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: repoRoot });
  const [entry] = JSON.parse(output.slice(output.indexOf('['))) as NpmPackEntry[];
  const files = entry.files.map((file) => file.path);
  const { unexpected, missing } = judgeTarballContents(files);
  if (unexpected.length > 0 || missing.length > 0) {
    throw new Error(
      `the tarball's contents are wrong; fix "files" in package.json.\n` +
        (unexpected.length ? `  not for users: ${unexpected.slice(0, 20).join(', ')}${unexpected.length > 20 ? ', ...' : ''}\n` : '') +
        (missing.length ? `  missing: ${missing.join(', ')}\n` : ''),
    );
  }
  return { tarball: path.join(destination, entry.filename), files, size: entry.size, unpackedSize: entry.unpackedSize };
}
