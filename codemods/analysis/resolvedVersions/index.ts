/**
 * The versions a repository resolves for every `@backstage/*` package and `forklift`: the lock file first
 * (package-lock.json, yarn.lock classic or Berry, pnpm-lock.yaml), then the ranges its package.json files
 * declare (the lowest version a range allows, since any of them may be installed), and `backstage.json`'s
 * release line as a fact of its own.
 */
import semver from 'semver';
import { readNpmLock } from './npmLock';
import { readPnpmLock } from './pnpmLock';
import { isTrackedPackage, type LockedVersions } from './types';
import { readYarnLock } from './yarnLock';

type VersionSource = 'package-lock.json' | 'npm-shrinkwrap.json' | 'yarn.lock' | 'pnpm-lock.yaml' | 'package.json';

export interface ResolvedVersion {
  version: string;
  from: VersionSource;
  /** From package.json only: the range the version is the lowest of. */
  range?: string;
}

export interface RepoVersions {
  /** By package name. */
  packages: Record<string, ResolvedVersion>;
  /** The lock file read, when there is one. */
  lockFile?: VersionSource;
  /** `backstage.json`'s `version`: the Backstage release the repository was last upgraded to. */
  backstageRelease?: string;
}

const LOCK_FILES: Array<{ file: VersionSource; read(text: string, file: string): LockedVersions }> = [
  { file: 'package-lock.json', read: readNpmLock },
  { file: 'npm-shrinkwrap.json', read: readNpmLock },
  { file: 'yarn.lock', read: readYarnLock },
  { file: 'pnpm-lock.yaml', read: readPnpmLock },
];

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Every range the repository's manifests declare for a tracked package. */
function declaredRanges(manifests: Array<Record<string, unknown>>): Map<string, string[]> {
  const ranges = new Map<string, string[]>();
  for (const manifest of manifests) {
    for (const field of DEPENDENCY_FIELDS) {
      const deps = manifest[field];
      if (!deps || typeof deps !== 'object') continue;
      for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
        if (!isTrackedPackage(name) || typeof range !== 'string') continue;
        ranges.set(name, [...(ranges.get(name) ?? []), range]);
      }
    }
  }
  return ranges;
}

/** Of several locked versions, the one the repository's own ranges ask for (the highest such), else the highest. */
function pickLocked(versions: Set<string>, ranges: string[]): string {
  const sorted = [...versions].filter((v) => semver.valid(v)).sort(semver.rcompare);
  return sorted.find((v) => ranges.some((r) => semver.validRange(r) && semver.satisfies(v, r))) ?? sorted[0] ?? [...versions][0];
}

function lowestOf(ranges: string[]): { version: string; range: string } | undefined {
  const lows = ranges
    .filter((range) => semver.validRange(range))
    .map((range) => ({ range, version: semver.minVersion(range)?.version }))
    .filter((low): low is { range: string; version: string } => low.version !== undefined && low.version !== '0.0.0');
  return lows.sort((a, b) => semver.compare(a.version, b.version))[0];
}

/** How a resolved version reads in a message: `0.3.0 (the lowest package.json's ^0.3.0 allows)`. */
export function describeResolved(resolved: ResolvedVersion): string {
  return resolved.range
    ? `${resolved.version} (the lowest version package.json's ${resolved.range} allows)`
    : `${resolved.version} (from ${resolved.from})`;
}

/**
 * `read` gives the text of a file relative to the root (undefined when missing); `manifests` are the parsed
 * package.json files of the repository's packages.
 */
export function readResolvedVersions(
  read: (relPath: string) => string | undefined,
  manifests: Array<Record<string, unknown>>,
): RepoVersions {
  const ranges = declaredRanges(manifests);
  const packages: Record<string, ResolvedVersion> = {};
  let lockFile: VersionSource | undefined;
  for (const lock of LOCK_FILES) {
    const text = read(lock.file);
    if (text === undefined) continue;
    lockFile = lock.file;
    for (const [name, versions] of lock.read(text, lock.file)) {
      packages[name] = { version: pickLocked(versions, ranges.get(name) ?? []), from: lock.file };
    }
    break;
  }
  for (const [name, declared] of ranges) {
    if (packages[name]) continue;
    const lowest = lowestOf(declared);
    if (lowest) packages[name] = { version: lowest.version, from: 'package.json', range: lowest.range };
  }
  const result: RepoVersions = { packages };
  if (lockFile) result.lockFile = lockFile;
  const release = readBackstageRelease(read('backstage.json'));
  if (release) result.backstageRelease = release;
  return result;
}

function readBackstageRelease(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    throw new Error('Cannot read backstage.json: it is not valid JSON. Fix it and run forklift again.');
  }
}
