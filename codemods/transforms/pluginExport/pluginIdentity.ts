/**
 * Which package an entry file belongs to, and the id and export name its new plugin gets: the id the
 * repository's backend mounts it under when the analysis saw one, else the package name without scope,
 * `plugin-` prefix and `-backend` suffix.
 */
import { posix } from 'node:path';
import { camelCase } from '../shared/source';
import type { TransformContext } from '../types';

export interface PluginPackage {
  name: string;
  dir: string;
  /** Dependencies and devDependencies, when package.json could be read. */
  dependencies: string[];
}

/** The plugin package whose entry is `entryPath`, from the repository facts or its own package.json. */
export function packageOfEntry(entryPath: string, context: TransformContext): PluginPackage | undefined {
  const known = context.facts.packages.find((p) => p.entry === entryPath);
  if (known && known.role !== 'backend' && known.role !== 'backend-plugin-module') {
    return { name: known.name, dir: known.dir, dependencies: dependenciesOf(known.dir, context) };
  }
  if (known) return undefined;
  const match = /^(?:(.*)\/)?src\/index\.tsx?$/.exec(entryPath);
  if (!match) return undefined;
  const dir = match[1] ?? '';
  const manifest = readManifest(dir, context);
  if (!manifest || typeof manifest.name !== 'string') return undefined;
  const role = manifest.backstage?.role;
  if (role !== undefined && role !== 'backend-plugin') return undefined;
  if (role === undefined && !/-backend$/.test(manifest.name)) return undefined;
  return { name: manifest.name, dir, dependencies: dependencyNames(manifest) };
}

export function pluginIdFor(pkg: PluginPackage, context: TransformContext): string {
  return pluginIdentityOf(pkg, context).id;
}

/**
 * The plugin id and where it came from: a legacy mount path of the repository (`mount`), else the package name
 * (`package-name`), a guess: the id decides the plugin's URL.
 */
export function pluginIdentityOf(pkg: PluginPackage, context: TransformContext): { id: string; from: 'mount' | 'package-name' } {
  const mounted = context.facts.pluginIdsByPackage[pkg.name];
  if (mounted) return { id: mounted, from: 'mount' };
  const id = pkg.name
    .replace(/^@[^/]+\//, '')
    .replace(/^(backstage-)?plugin-/, '')
    .replace(/-backend$/, '');
  return { id, from: 'package-name' };
}

/** The manual step for an id guessed from the package name of a plugin a legacy backend serves through `legacyFiles`. */
export function guessedIdNote(pkg: PluginPackage, id: string, legacyFiles: readonly string[]): string {
  return (
    `the plugin id '${id}' is derived from the package name ${pkg.name}: the legacy backend mounts it through ` +
    `${legacyFiles.join(', ')} under a path that names no id, so the plugin serves /api/${id}; confirm that is the URL its callers use, or change the id to the one they use.`
  );
}

/** `todo` -> `todoPlugin`, `tech-insights` -> `techInsightsPlugin`. */
export function pluginConstName(pluginId: string): string {
  return `${camelCase(pluginId) || 'backend'}Plugin`;
}

/** The fields of a package.json this file reads; anything else in it is ignored. */
interface Manifest {
  name?: unknown;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  backstage?: { role?: unknown };
}

function readManifest(dir: string, context: TransformContext): Manifest | undefined {
  const text = context.readFile(posix.join(dir, 'package.json'));
  if (text === undefined) return undefined;
  try {
    const manifest: unknown = JSON.parse(text);
    return typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) ? (manifest as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

function dependenciesOf(dir: string, context: TransformContext): string[] {
  const manifest = readManifest(dir, context);
  return manifest ? dependencyNames(manifest) : [];
}

function dependencyNames(manifest: Manifest): string[] {
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
}
