/**
 * The version range a package the migrated code imports is added at: one of the release line the repository
 * uses, never a guess. `@backstage/*`: the version the repository resolves (lock file, else package.json
 * ranges), else the one published for the same release as its `@backstage/backend-plugin-api`
 * (publishedEntries). `forklift`: the range of the forklift package running the migration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pluginApiVersionOf, versionForRelease } from '../../analysis/publishedEntries';
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

/** The version of the repository's release line for `pkg`; undefined when no match is known. */
export function releaseLineVersion(pkg: string, facts: RepoFacts): string | undefined {
  if (pkg === 'forklift') return forkliftVersion();
  if (!pkg.startsWith('@backstage/')) return undefined;
  const versions = facts.versions?.packages;
  if (!versions) return undefined;
  const pluginApi = pluginApiVersionOf(versions);
  if (pkg === PLUGIN_API) return pluginApi;
  // The release line's own version first: a package resolved elsewhere in the repository may be of an older line.
  return (pluginApi ? versionForRelease(pkg, pluginApi, { sameMinor: true }) : undefined) ?? versions[pkg]?.version;
}
