/**
 * Finds the packages of a repository and what each one is: a backend, a backend plugin, a module, or
 * something else. Facts come from package.json (`workspaces`, `backstage.role`) and, where those are
 * silent, from the code (a package calling `createServiceBuilder` is a backend).
 */
import path from 'node:path';
import fg from 'fast-glob';
import type { PackageFacts } from '../transforms/types';
import { findPackageEntry, type PackageJson } from './entry';
import type { RepoEntry } from './files';
import type { CachedSourceReader } from './sourceReader';
import { messageOf } from '../../framework/wiring';

export interface DiscoveredPackage extends Omit<PackageFacts, 'migrated'> {
  /** Source files of this package (not of packages nested inside it). */
  sourceFiles: string[];
}

const BACKEND_CODE = /\bcreateServiceBuilder\s*\(|\bcreateBackend\s*\(\s*\)/;

function roleFromManifest(pkg: PackageJson | undefined): PackageFacts['role'] | undefined {
  const role = pkg?.backstage?.role;
  if (role === 'backend' || role === 'backend-plugin' || role === 'backend-plugin-module' || role === 'cli') return role;
  if (role) return 'other';
  return undefined;
}

function roleFromName(name: string): PackageFacts['role'] | undefined {
  const bare = name.replace(/^@[^/]+\//, '');
  if (/-backend-module-/.test(bare)) return 'backend-plugin-module';
  if (/-backend$/.test(bare)) return 'backend-plugin';
  if (bare === 'backend') return 'backend';
  return undefined;
}

function parseManifest(text: string | undefined, file: string): PackageJson | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as PackageJson;
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${messageOf(error)}. Fix the JSON and run forklift again.`);
  }
}

/** Package folders: the root plus its workspaces when declared, else every folder with a package.json. */
function packageDirs(root: string, files: RepoEntry[], rootManifest: PackageJson | undefined): string[] {
  const workspaces = rootManifest?.workspaces;
  const globs = Array.isArray(workspaces) ? workspaces : workspaces?.packages;
  const listed = new Set(files.map((f) => f.path));
  if (globs && globs.length > 0) {
    const dirs = fg.sync(globs, { cwd: root, onlyDirectories: true, ignore: ['**/node_modules/**'], followSymbolicLinks: false });
    return ['', ...dirs.map((d) => d.replace(/\/$/, '')).filter((d) => listed.has(`${d}/package.json`))];
  }
  return files
    .filter((f) => f.path === 'package.json' || f.path.endsWith('/package.json'))
    .map((f) => path.posix.dirname(f.path))
    .map((d) => (d === '.' ? '' : d));
}

/** The deepest package folder holding `file`; undefined when none does. */
function owningDir(file: string, dirsDeepestFirst: string[]): string | undefined {
  return dirsDeepestFirst.find((dir) => dir === '' || file.startsWith(`${dir}/`));
}

export function discoverPackages(root: string, files: RepoEntry[], reader: CachedSourceReader): DiscoveredPackage[] {
  const rootManifest = parseManifest(reader.read('package.json'), 'package.json');
  const dirs = packageDirs(root, files, rootManifest);
  const deepestFirst = [...dirs].sort((a, b) => b.length - a.length);
  const sourcesByDir = new Map<string, string[]>(dirs.map((d) => [d, []]));
  const orphanBackendFiles: string[] = [];
  for (const file of files) {
    if (file.kind !== 'source') continue;
    const dir = owningDir(file.path, deepestFirst);
    if (dir !== undefined) sourcesByDir.get(dir)!.push(file.path);
    else if (BACKEND_CODE.test(reader.read(file.path) ?? '')) orphanBackendFiles.push(file.path);
  }

  const packages: DiscoveredPackage[] = [];
  for (const dir of dirs) {
    const manifestPath = dir ? `${dir}/package.json` : 'package.json';
    const manifest = parseManifest(reader.read(manifestPath), manifestPath);
    if (!manifest) continue;
    const name = manifest.name ?? (path.posix.basename(dir) || path.basename(root));
    const sourceFiles = sourcesByDir.get(dir) ?? [];
    const isBackendByCode = sourceFiles.some((f) => BACKEND_CODE.test(reader.read(f) ?? ''));
    // The root of a monorepo only counts when it holds code of its own.
    if (dir === '' && dirs.length > 1 && sourceFiles.length === 0) continue;
    // Names before code: a plugin's own `standaloneServer.ts` calls createServiceBuilder too.
    const role = roleFromManifest(manifest) ?? roleFromName(name) ?? (isBackendByCode ? 'backend' : undefined) ?? 'other';
    packages.push({ name, dir, role, entry: findPackageEntry(dir, manifest, (p) => reader.exists(p)), sourceFiles });
  }

  // Backend code with no package.json around it (a bare `src/index.ts`): its package is the folder above `src/`.
  const orphanDirs = new Map<string, string[]>();
  for (const file of orphanBackendFiles) {
    const match = /^(.*?)\/?src\//.exec(file);
    const dir = match ? match[1] : path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
    orphanDirs.set(dir, [...(orphanDirs.get(dir) ?? []), file]);
  }
  for (const [dir, backendFiles] of orphanDirs) {
    const sourceFiles = files.filter((f) => f.kind === 'source' && (dir === '' || f.path.startsWith(`${dir}/`))).map((f) => f.path);
    const entry = sourceFiles.find((f) => f === (dir ? `${dir}/src/index.ts` : 'src/index.ts')) ?? backendFiles[0];
    packages.push({ name: path.posix.basename(dir) || path.basename(root), dir, role: 'backend', entry, sourceFiles });
  }
  return packages.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}
