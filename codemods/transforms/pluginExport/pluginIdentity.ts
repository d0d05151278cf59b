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
  const mounted = context.facts.pluginIdsByPackage[pkg.name];
  if (mounted) return mounted;
  return pkg.name
    .replace(/^@[^/]+\//, '')
    .replace(/^(backstage-)?plugin-/, '')
    .replace(/-backend$/, '');
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
