/** Reads published packages from the npm registry the machine is configured for: version lists and tarballs. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

export function registryUrl(): string {
  const configured = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  return configured.endsWith('/') ? configured : `${configured}/`;
}

export interface PublishedVersion {
  version: string;
  tarball: string;
  dependencies: Record<string, string>;
}

/** Every released (non-prerelease) version of a package with its dependencies, oldest first. */
export async function listVersions(registry: string, name: string): Promise<PublishedVersion[]> {
  const response = await fetch(`${registry}${name.replace('/', '%2f')}`, {
    headers: { accept: 'application/vnd.npm.install-v1+json' },
  });
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`${name}: the registry answered ${response.status}`);
  const packument = (await response.json()) as {
    versions: Record<string, { dist: { tarball: string }; dependencies?: Record<string, string> }>;
  };
  return Object.entries(packument.versions)
    .filter(([version]) => semver.valid(version) && semver.prerelease(version) === null)
    .map(([version, meta]) => ({ version, tarball: meta.dist.tarball, dependencies: meta.dependencies ?? {} }))
    .sort((a, b) => semver.compare(a.version, b.version));
}

/** Downloads and unpacks a tarball into `dir` (npm tarballs hold one `package/` folder); returns that folder. */
export async function unpack(tarball: string, dir: string): Promise<string> {
  const response = await fetch(tarball);
  if (!response.ok) throw new Error(`${tarball}: the registry answered ${response.status}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'package.tgz');
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  // Only package.json and type declarations are read; the rest is left packed.
  try {
    execFileSync('tar', ['-xzf', file, '-C', dir, '--wildcards', '*package.json', '*.d.ts'], { stdio: 'ignore' });
  } catch {
    // tar exits non-zero when a pattern matched nothing (a package without declarations): what matched is there.
  }
  return path.join(dir, 'package');
}
