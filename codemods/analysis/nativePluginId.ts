/**
 * The plugin id a package's new-system plugin registers (`createBackendPlugin({ pluginId: 'x' })`): its URL is
 * `/api/<id>`, so a legacy mount may only be replaced by it when the ids agree. Undefined when not known for sure.
 */
import type { RepoFacts } from '../transforms/types';
import { KNOWN_MIGRATED_PACKAGES } from './knownPackages';
import { packageOf } from './localPluginFile';
import { resolveRelativeImport } from './modulePaths';

const PLUGIN_ID = /createBackendPlugin\(\s*\{[^}]*?\bpluginId:\s*(['"`])([^'"`$]+)\1/g;
const RELATIVE_FROM = /\bfrom\s+(['"])(\.\.?\/[^'"]+)\1/g;

export function nativePluginIdOf(
  facts: RepoFacts,
  packageName: string,
  readFile: (path: string) => string | undefined,
): string | undefined {
  const local = facts.packages.find((p) => p.name === packageName);
  if (local) return local.entry ? pluginIdInFiles(local.entry, readFile) : undefined;
  const name = packageOf(packageName);
  if (!KNOWN_MIGRATED_PACKAGES.has(name)) return undefined;
  // The published plugins of the table register the id their package name carries.
  return name
    .replace(/^@[^/]+\//, '')
    .replace(/^(backstage-)?plugin-/, '')
    .replace(/-backend$/, '');
}

/** The one plugin id declared in the entry or the files it imports or re-exports (one hop); undefined when none or several. */
function pluginIdInFiles(entry: string, readFile: (path: string) => string | undefined): string | undefined {
  const source = readFile(entry);
  if (source === undefined) return undefined;
  const files = [source];
  for (const m of source.matchAll(RELATIVE_FROM)) {
    const path = resolveRelativeImport(entry, m[2], (p) => readFile(p) !== undefined);
    const text = path ? readFile(path) : undefined;
    if (text !== undefined) files.push(text);
  }
  const ids = new Set(files.flatMap((text) => [...text.matchAll(PLUGIN_ID)].map((m) => m[2])));
  return ids.size === 1 ? [...ids][0] : undefined;
}
