/**
 * The repository facts every transform gets, computed once per run before any file is transformed:
 * the packages and their roles, which plugin packages are already migrated, and the plugin id each
 * package is mounted under by a legacy backend.
 */
import path from 'node:path';
import { jscodeshiftFor, parseForReading, parserForPath } from '../transforms/shared/parser';
import type { PackageFacts, RepoFacts } from '../transforms/types';
import { readConfiguredAuthProviders } from './authProviders';
import { collectBackendMounts, type BackendMount } from './backendMounts';
import { listRepositoryFiles, type RepoEntry } from './files';
import { KNOWN_MIGRATED_PACKAGES } from './knownPackages';
import { readLocalPluginFile, packageOf } from './localPluginFile';
import { entryExportsNewSystemPlugin } from './migrated';
import { resolveRelativeImport } from './modulePaths';
import { discoverPackages } from './packages';
import { readResolvedVersions } from './resolvedVersions';
import { isScaffolding } from './scaffolding';
import { createSourceReader, type CachedSourceReader } from './sourceReader';

/** One plugin mounted by a backend index file, resolved to the package it runs. */
export interface ResolvedMount extends BackendMount {
  /** The backend file that mounts it. */
  file: string;
  /** The local plugin file (`packages/backend/src/plugins/todo.ts`), when the factory comes from one. */
  localPluginFile?: string;
  /** The package the plugin code comes from, when known. */
  packageName?: string;
}

export interface RepositoryAnalysis {
  root: string;
  facts: RepoFacts;
  /** Every file of the repository the runner may look at, gitignore respected. */
  files: RepoEntry[];
  /** The reader that analysis used; the runner reuses it so nothing is read twice. */
  reader: CachedSourceReader;
  /** Files that build a legacy backend (`createServiceBuilder`). */
  legacyBackendFiles: string[];
  mounts: ResolvedMount[];
}

const LEGACY_BACKEND = /\bcreateServiceBuilder\s*\(/;

function resolveMounts(file: string, source: string, reader: CachedSourceReader): ResolvedMount[] {
  let mounts: BackendMount[];
  try {
    const parser = parserForPath(file) ?? 'ts';
    const j = jscodeshiftFor(parser);
    // Read-only: the plain Babel tree is enough and far cheaper than a reprintable recast one.
    mounts = collectBackendMounts(j, j(parseForReading(source, parser)), source);
  } catch {
    // A backend file that does not parse teaches nothing here; the runner reports the parse error with its line.
    return [];
  }
  return mounts.map((mount) => {
    if (!mount.importSource) return { ...mount, file };
    if (!mount.localFile) return { ...mount, file, packageName: packageOf(mount.importSource) };
    const localPluginFile = resolveRelativeImport(file, mount.importSource, (p) => reader.exists(p));
    const localSource = localPluginFile ? reader.read(localPluginFile) : undefined;
    let packageName: string | undefined;
    if (localPluginFile && localSource !== undefined) {
      try {
        packageName = readLocalPluginFile(localSource, parserForPath(localPluginFile) ?? 'ts').calledPackage;
      } catch {
        packageName = undefined;
      }
    }
    return { ...mount, file, localPluginFile, packageName };
  });
}

export interface AnalyzeOptions {
  /** The file list, when the caller has it already. */
  files?: RepoEntry[];
  /** The reader to share, when the caller has read files already (see createSourceReader). */
  reader?: CachedSourceReader;
}

export function analyzeRepository(root: string, options: AnalyzeOptions = {}): RepositoryAnalysis {
  const absoluteRoot = path.resolve(root);
  const files = options.files ?? listRepositoryFiles(absoluteRoot);
  const reader =
    options.reader ??
    createSourceReader(
      absoluteRoot,
      files.filter((f) => f.kind !== 'symlink').map((f) => f.path),
    );
  const discovered = discoverPackages(absoluteRoot, files, reader);

  const packages: PackageFacts[] = discovered.map(({ sourceFiles: _sources, ...pkg }) => ({
    ...pkg,
    migrated: pkg.role !== 'backend' && pkg.entry !== undefined ? entryExportsNewSystemPlugin(pkg.entry, reader) : false,
  }));

  const legacyBackendFiles = discovered
    .filter((pkg) => pkg.role === 'backend')
    .flatMap((pkg) => pkg.sourceFiles)
    .filter((file) => !isScaffolding(file, discovered) && LEGACY_BACKEND.test(reader.read(file) ?? ''));
  const mounts = legacyBackendFiles.flatMap((file) => resolveMounts(file, reader.read(file) ?? '', reader));

  const pluginIdsByPackage: Record<string, string> = {};
  for (const mount of mounts) {
    // Only a mount path names a plugin id; `addRouter('', ...)` falls back to names that are not ids.
    if (mount.packageName && mount.pluginIdFrom === 'path' && !(mount.packageName in pluginIdsByPackage)) {
      pluginIdsByPackage[mount.packageName] = mount.pluginId;
    }
  }
  const legacyPluginFiles: Record<string, string[]> = {};
  for (const mount of mounts) {
    if (!mount.packageName || !mount.localPluginFile) continue;
    const files = (legacyPluginFiles[mount.packageName] ??= []);
    if (!files.includes(mount.localPluginFile)) files.push(mount.localPluginFile);
  }
  const manifests = discovered.map((pkg) => parsedManifest(reader.read(pkg.dir === '' ? 'package.json' : `${pkg.dir}/package.json`)));
  const versions = readResolvedVersions((relPath) => reader.read(relPath), manifests);
  const authProviders = readConfiguredAuthProviders(files, (relPath) => reader.read(relPath));
  return {
    root: absoluteRoot,
    facts: { packages, pluginIdsByPackage, legacyPluginFiles, versions, ...(authProviders ? { authProviders } : {}) },
    files,
    reader,
    legacyBackendFiles,
    mounts,
  };
}

/** discoverPackages has refused unreadable manifests already; what is left parses. */
function parsedManifest(text: string | undefined): Record<string, unknown> {
  return text === undefined ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * True when the package exports a new-system plugin as `default`: read from its code when the package is
 * in the repository, else looked up in the table of well-known published packages.
 */
export function isMigratedPackage(facts: RepoFacts, name: string): boolean {
  const local = facts.packages.find((pkg) => pkg.name === name);
  if (local) return local.migrated;
  return KNOWN_MIGRATED_PACKAGES.has(packageOf(name));
}
