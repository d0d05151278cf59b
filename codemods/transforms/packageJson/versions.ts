/**
 * The versions the package-json transform works with, never a guess. Added packages: `@backstage/*` at the
 * version the repository resolves (lock file, else package.json ranges), else at the oldest published version
 * whose own dependencies accept the repository's backend-plugin-api and backend-common (publishedEntries);
 * `forklift` at the version running the migration. Declared packages: the first version that has what the
 * migrated code takes from them, so an upgrade step is written only where the code needs one.
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { firstVersionWith, pluginApiVersionOf, releaseFit } from '../../analysis/publishedEntries';
import type { RepoFacts } from '../types';

const PLUGIN_API = '@backstage/backend-plugin-api';

let ownVersion: string | undefined;

/** The version of the forklift package this code belongs to (its package.json, found upwards from here). */
export function forkliftVersion(): string {
  if (ownVersion) return ownVersion;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'forklift' && manifest.version) return (ownVersion = manifest.version);
    }
    if (path.dirname(dir) === dir) throw new Error('forklift: cannot find the package.json of forklift itself');
  }
}

/** What to add a package the migrated code starts to import at. */
export type VersionToAdd =
  | { kind: 'version'; version: string }
  /** No published version fits the repository's release line: `reason` names its pins and the upgrade needed. */
  | { kind: 'mismatch'; reason: string }
  /** No match is known. */
  | { kind: 'unknown' };

/**
 * The version of the repository's release line to add `pkg` at: the one the repository already resolves, else
 * (release-anchor packages) the oldest published version whose own backend-plugin-api / backend-common ranges
 * accept the repository's versions.
 */
export function versionToAdd(pkg: string, facts: RepoFacts): VersionToAdd {
  if (pkg === 'forklift') return { kind: 'version', version: forkliftVersion() };
  const versions = facts.versions?.packages;
  if (!pkg.startsWith('@backstage/') || !versions) return { kind: 'unknown' };
  const own = versions[pkg]?.version ?? (pkg === PLUGIN_API ? pluginApiVersionOf(versions) : undefined);
  if (own) return { kind: 'version', version: own };
  const fit = releaseFit(pkg, versions);
  if (fit.kind === 'fits') return { kind: 'version', version: fit.version };
  if (fit.kind === 'unknown') return { kind: 'unknown' };
  const upgrade = fit.oldest
    ? `upgrade ${fit.upgrades.join(' and ')} (what ${fit.oldest}, its oldest published version of a later release line, needs), then add it`
    : `no published version of it belongs to this or a later release line`;
  return {
    kind: 'mismatch',
    reason: `no published version of ${pkg} fits the versions this repository pins (${fit.pinned.join(', ')}); ${upgrade}`,
  };
}

/**
 * The first version of `pkg` that has everything the migrated code takes from it (`<specifier> <name>` each);
 * undefined when the data knows none of the names. `forklift`: the version running the migration.
 */
export function minimumFor(pkg: string, taken: Iterable<string>): string | undefined {
  if (pkg === 'forklift') return forkliftVersion();
  const firsts = [...taken]
    .map((t) => {
      const at = t.lastIndexOf(' ');
      return firstVersionWith(pkg, t.slice(at + 1), t.slice(0, at));
    })
    .filter((v): v is string => v !== undefined);
  return firsts.sort(semver.rcompare)[0];
}
