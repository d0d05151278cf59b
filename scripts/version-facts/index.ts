/**
 * Writes codemods/analysis/publishedEntries/entries.json: for each package the codemods generate imports
 * from, which entry (root or `/alpha`) exports each name the generated code uses, and which of those exports
 * have the members the generated code calls (`<export>.<member>`), per version range. It reads
 * every released version's type declarations from the registry, so the data says what the packages
 * publish, not what anyone remembers of them.
 *
 * It also lists the published sign-in provider modules of the auth backend (`authProviderModules`), each
 * recorded under `packages` with its versions and release anchors (authProviderModules.ts).
 *
 *   node --import tsx scripts/version-facts/index.ts [--only <package> | --only auth-provider-modules]
 *
 * Review the diff of entries.json before committing it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAuthProviderModules } from './authProviderModules';
import { AUTH_PROVIDER_MODULE, WATCHED_PACKAGES, type WatchedPackage } from './packages';
import { toRanges, type Entry, type EntryRange } from './ranges';
import { declarationFile, exportedMembers, exportedNames } from './readExports';
import { listVersions, registryUrl, unpack, type PublishedVersion } from './registry';

const OUTPUT = path.join(__dirname, '..', '..', 'codemods', 'analysis', 'publishedEntries', 'entries.json');
const PARALLEL_DOWNLOADS = 6;
const PLUGIN_API = '@backstage/backend-plugin-api';
const AUTH_MODULES_ONLY = 'auth-provider-modules';
const COMMON = '@backstage/backend-common';

interface PackageEntries {
  /** The released versions that were read. */
  checked: string[];
  exports: Record<string, EntryRange[]>;
  /** Per version, its `@backstage/backend-plugin-api` range (packages marked releaseAnchor only). */
  pluginApiRange?: Record<string, string>;
  /**
   * Per version, its `@backstage/backend-common` range (releaseAnchor packages, versions that depend on it): with
   * pluginApiRange, what tells whether a version belongs to the release line a repository resolves.
   */
  commonRange?: Record<string, string>;
}

async function findingsOf(pkg: WatchedPackage, version: PublishedVersion, work: string): Promise<Record<string, Entry>> {
  const dir = await unpack(version.tarball, path.join(work, `${pkg.name.replace('/', '+')}@${version.version}`));
  const root = declarationFile(dir, '.');
  const alpha = declarationFile(dir, './alpha');
  const rootNames = root ? exportedNames(root) : new Set<string>();
  const alphaNames = alpha ? exportedNames(alpha) : new Set<string>();
  const findings: Record<string, Entry> = Object.fromEntries(
    pkg.exports.map((name) => [name, rootNames.has(name) ? 'root' : alphaNames.has(name) ? 'alpha' : null] as const),
  );
  for (const [owner, members] of Object.entries(pkg.members ?? {})) {
    const rootMembers = root ? exportedMembers(root, owner) : undefined;
    const alphaMembers = alpha ? exportedMembers(alpha, owner) : undefined;
    for (const member of members) {
      findings[`${owner}.${member}`] = rootMembers?.has(member) ? 'root' : alphaMembers?.has(member) ? 'alpha' : null;
    }
  }
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  return findings;
}

/** The names recorded for a package: its exports, then `<export>.<member>` for each member asked about. */
function recordedNames(pkg: WatchedPackage): string[] {
  return [...pkg.exports, ...Object.entries(pkg.members ?? {}).flatMap(([owner, members]) => members.map((m) => `${owner}.${m}`))];
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function readPackage(registry: string, pkg: WatchedPackage, work: string): Promise<PackageEntries> {
  const versions = await listVersions(registry, pkg.name);
  const findings = await mapLimited(versions, PARALLEL_DOWNLOADS, (v) => findingsOf(pkg, v, work));
  const exports: Record<string, EntryRange[]> = {};
  for (const name of recordedNames(pkg)) {
    exports[name] = toRanges(versions.map((v, i) => ({ version: v.version, entry: findings[i][name] })));
  }
  const entries: PackageEntries = { checked: versions.map((v) => v.version), exports };
  if (pkg.releaseAnchor) {
    const rangesOf = (dependency: string) =>
      Object.fromEntries(versions.filter((v) => dependency in v.dependencies).map((v) => [v.version, v.dependencies[dependency]]));
    entries.pluginApiRange = rangesOf(PLUGIN_API);
    const common = rangesOf(COMMON);
    if (pkg.name !== COMMON && Object.keys(common).length > 0) entries.commonRange = common;
  }
  return entries;
}

async function run(args: string[]): Promise<void> {
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
  const registry = registryUrl();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-version-facts-'));
  const existing = fs.existsSync(OUTPUT)
    ? (JSON.parse(fs.readFileSync(OUTPUT, 'utf8')) as { packages: Record<string, PackageEntries> })
    : undefined;
  const packages: Record<string, PackageEntries> = only ? { ...existing?.packages } : {};
  try {
    for (const pkg of WATCHED_PACKAGES.filter((p) => !only || p.name === only)) {
      process.stderr.write(`${pkg.name} ...\n`);
      packages[pkg.name] = await readPackage(registry, pkg, work);
    }
    if (!only || only === AUTH_MODULES_ONLY) {
      process.stderr.write(`${AUTH_MODULES_ONLY} ...\n`);
      for (const name of Object.keys(packages)) if (AUTH_PROVIDER_MODULE.test(name)) delete packages[name];
      Object.assign(packages, await readAuthProviderModules(registry));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : 1)));
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  const authProviderModules = Object.keys(sorted).filter((name) => AUTH_PROVIDER_MODULE.test(name));
  fs.writeFileSync(OUTPUT, `${JSON.stringify({ generatedBy: 'scripts/version-facts', authProviderModules, packages: sorted }, null, 2)}\n`);
  process.stderr.write(`wrote ${path.relative(process.cwd(), OUTPUT)}\n`);
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
