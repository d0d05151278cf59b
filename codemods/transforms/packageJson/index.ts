/**
 * package-json: the package.json of each package gains what the migration's new code imports there and it
 * does not declare yet (`@backstage/backend-defaults` or `forklift` for a backend, `@backstage/backend-plugin-api`
 * for a plugin with a new `plugin.ts`, `@backstage/plugin-catalog-node` for a catalog module ...), at a version
 * of the release line the repository uses (versions.ts). What the new code imports is the other transforms'
 * own output for the package's files (migratedCode.ts): the run's results when it ran them all. It never bumps a
 * version (a declared one older than the first version that has what the new code takes from it is a manual step
 * naming that version), never removes anything (dependencies the migration left unused are listed), and adds
 * nothing it has no fitting version for (a manual step names the package, and the upgrade the repository needs
 * first when the data tells it).
 */
import { posix } from 'node:path';
import semver from 'semver';
import type { ResolvedVersion } from '../../analysis/resolvedVersions';
import type { FileOutcome, ManualStep, SourceFile, Transform, TransformContext, TransformResult } from '../types';
import { addDependency, lineOfDependency } from './manifestText';
import { migratedCodeOf } from './migratedCode';
import { minimumFor, versionToAdd } from './versions';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

type Manifest = Partial<Record<(typeof DEPENDENCY_FIELDS)[number], Record<string, string>>>;

function declaredRange(manifest: Manifest, name: string): { field: string; range: string } | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const range = manifest[field]?.[name];
    if (typeof range === 'string') return { field, range };
  }
  return undefined;
}

/**
 * True when the declared range cannot give `needed`, or the lock file pins an older version. Ranges that are
 * not versions (`workspace:*`, `file:`) are the user's business.
 */
function isBehind(range: string, resolved: ResolvedVersion | undefined, needed: string): boolean {
  if (!semver.validRange(range)) return false;
  if (!semver.satisfies(needed, range)) return semver.lt(semver.minVersion(range)?.version ?? needed, needed);
  return (
    resolved !== undefined &&
    resolved.from !== 'package.json' &&
    semver.valid(resolved.version) !== null &&
    semver.lt(resolved.version, needed)
  );
}

function applyPackageJson(file: SourceFile, context: TransformContext, sourceTransforms: Transform[]): TransformResult {
  const unmodified: TransformResult = { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
  const dir = posix.dirname(file.path) === '.' ? '' : posix.dirname(file.path);
  const pkg = context.facts.packages.find((p) => p.dir === dir);
  if (!pkg) return unmodified;
  const manifest = JSON.parse(file.source) as Manifest;
  const code = migratedCodeOf(pkg, sourceTransforms, context);

  let text = file.source;
  // Lines are read from the final text, once every entry is in.
  const pending: Array<{ name: string; field?: string; message: string }> = [];
  const step = (name: string, message: string, field?: string) => pending.push({ name, field, message: `${pkg.name}: ${message}` });
  for (const [name, importer] of [...code.introducedBy].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
    if (name === pkg.name) continue;
    const declared = declaredRange(manifest, name);
    if (!declared) {
      const toAdd = versionToAdd(name, context.facts);
      if (toAdd.kind === 'version') text = addDependency(text, name, `^${toAdd.version}`);
      else if (toAdd.kind === 'mismatch')
        step(name, `add ${name} to dependencies: ${importer} now imports it, and ${toAdd.reason}; forklift never bumps a version.`);
      else
        step(
          name,
          `add ${name} to dependencies: ${importer} now imports it, and no version of the release line this repository uses is known.`,
        );
      continue;
    }
    const needed = minimumFor(name, code.introducedNames.get(name) ?? []);
    if (needed && isBehind(declared.range, context.facts.versions?.packages[name], needed)) {
      step(
        name,
        `upgrade ${name} to ${needed} or later (declared as ${declared.range}): ${importer} now imports what it first has in ${needed}; forklift never bumps a version.`,
        declared.field,
      );
    }
  }
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
    if (code.importedBefore.has(name) && !code.importedAfter.has(name)) {
      step(name, `${name} is no longer imported by the migrated code; remove it from dependencies once nothing else needs it.`);
    }
  }
  // One step per message: the same need found twice is one thing to do.
  const steps: ManualStep[] = [...new Map(pending.map((p) => [p.message, p])).values()].map(({ name, field, message }) => ({
    path: file.path,
    line: lineOfDependency(text, name, field),
    message,
  }));
  const outcome: FileOutcome =
    text === file.source ? { path: file.path, status: 'unmodified' } : { path: file.path, status: 'ok', source: text };
  return { files: [outcome], manualSteps: steps };
}

/** Made with the source transforms whose output it reads (the registry passes them: no import cycle). */
export function createPackageJsonTransform(sourceTransforms: Transform[]): Transform {
  return {
    name: 'package-json',
    matches: (file) => file.path === 'package.json' || file.path.endsWith('/package.json'),
    apply: (file, context) => applyPackageJson(file, context, sourceTransforms),
    // The runner runs package.json files last, with what the source transforms made of the rest.
    readsRunOutput: true,
  };
}
