/**
 * Where published packages export what the generated code imports, per version: read from entries.json,
 * which scripts/version-facts writes from the packages' real type declarations. The one place transforms
 * ask "at this version, is the new-system plugin at the root, under `/alpha`, or not there at all".
 */
import semver from 'semver';
import data from './entries.json';

interface EntryRange {
  range: string;
  entry: 'root' | 'alpha' | null;
}

interface PackageEntries {
  checked: string[];
  exports: Record<string, EntryRange[]>;
  pluginApiRange?: Record<string, string>;
}

const PACKAGES = data.packages as Record<string, PackageEntries>;

export type ExportLocation =
  /** Import it from `specifier` (the package, or its `/alpha` entry). */
  | { kind: 'found'; specifier: string; entry: 'root' | 'alpha' }
  /** The version the repository uses does not export it; `minimum` is the first version that does. */
  | { kind: 'missing'; minimum?: string }
  /** No data for this package, or no version known: callers keep their version-blind default. */
  | { kind: 'unknown' };

/** The lowest version a range starts at (`>=0.5.7 <0.6.0` -> `0.5.7`); undefined for an open lower end. */
function lowerBound(range: string): string | undefined {
  return /^>=(\S+)/.exec(range)?.[1];
}

/** Where `name` (`default` for the new-system plugin) is exported from at `version` of `pkg`. */
export function locateExport(pkg: string, name: string, version: string | undefined): ExportLocation {
  const ranges = PACKAGES[pkg]?.exports[name];
  const exact = version ? semver.valid(semver.coerce(version)) : null;
  if (!ranges || !exact) return { kind: 'unknown' };
  const match = ranges.find((r) => semver.satisfies(exact, r.range));
  if (match?.entry) return { kind: 'found', entry: match.entry, specifier: match.entry === 'alpha' ? `${pkg}/alpha` : pkg };
  if (!match) return { kind: 'unknown' };
  const later = ranges.find((r) => r.entry !== null && lowerBound(r.range) && semver.gt(lowerBound(r.range)!, exact));
  return later ? { kind: 'missing', minimum: lowerBound(later.range) } : { kind: 'missing' };
}

/**
 * The first published version of `pkg` that exports `name` from the entry `specifier` names (`<pkg>` the root,
 * `<pkg>/alpha` the alpha entry); undefined when the data does not know the name or no version has it there.
 */
export function firstVersionWith(pkg: string, name: string, specifier: string): string | undefined {
  const entry = specifier === pkg ? 'root' : specifier === `${pkg}/alpha` ? 'alpha' : undefined;
  const first = PACKAGES[pkg]?.exports[name]?.find((r) => r.entry === entry);
  if (!first) return undefined;
  return lowerBound(first.range) ?? PACKAGES[pkg].checked[0];
}

/**
 * The `@backstage/backend-plugin-api` version a repository's release line uses: its own, else the one its
 * `@backstage/backend-common` depends on (the lowest its range allows; for a version the registry data does not
 * list, that of the nearest listed one below it in the same minor line).
 */
export function pluginApiVersionOf(versions: Record<string, { version: string }>): string | undefined {
  const own = versions['@backstage/backend-plugin-api']?.version;
  if (own) return own;
  const common = semver.valid(semver.coerce(versions['@backstage/backend-common']?.version ?? ''));
  const anchors = PACKAGES['@backstage/backend-common']?.pluginApiRange ?? {};
  if (!common) return undefined;
  const nearest = Object.keys(anchors)
    .filter((v) => semver.lte(v, common) && semver.major(v) === semver.major(common))
    .sort(semver.rcompare)[0];
  const range = nearest ? anchors[nearest] : undefined;
  return range ? semver.minVersion(range)?.version : undefined;
}

/**
 * The version of `pkg` the repository uses: the one it resolves, else the one of its release line (for a package
 * the generated code starts to import, e.g. plugin-catalog-node for a catalog module).
 */
function versionInRepository(pkg: string, versions: Record<string, { version: string }> | undefined): string | undefined {
  if (!versions) return undefined;
  const own = versions[pkg]?.version;
  if (own) return own;
  const pluginApi = pluginApiVersionOf(versions);
  if (pkg === '@backstage/backend-plugin-api') return pluginApi;
  return pluginApi ? versionForRelease(pkg, pluginApi, { nearest: true }) : undefined;
}

/**
 * The specifier to import `name` of `pkg` from in this repository: its `/alpha` entry where the version in use
 * has it there, else the package (also when the data does not know, or the version lacks it: the type-check
 * and --verify say so).
 */
export function importSpecifierFor(pkg: string, name: string, versions: Record<string, { version: string }> | undefined): string {
  const location = exportLocationInRepository(pkg, name, versions);
  return location.kind === 'found' ? location.specifier : pkg;
}

/** Where `name` is exported from at the version of `pkg` the repository uses (or the one made for its release). */
export function exportLocationInRepository(
  pkg: string,
  name: string,
  versions: Record<string, { version: string }> | undefined,
): ExportLocation {
  return locateExport(pkg, name, versionInRepository(pkg, versions));
}

/**
 * The newest published version of `pkg` (an anchor package: backend-defaults, backend-common, the -node packages)
 * made for the same release as the given `@backstage/backend-plugin-api` version: its dependency range accepts
 * that version. With `nearest`, when the registry data has none for that very release, the newest one made for
 * an earlier release.
 */
export function versionForRelease(pkg: string, pluginApiVersion: string, options: { nearest?: boolean } = {}): string | undefined {
  const anchors = Object.entries(PACKAGES[pkg]?.pluginApiRange ?? {});
  const newest = (versions: string[]) => versions.sort(semver.rcompare)[0];
  const exact = newest(anchors.filter(([, range]) => semver.satisfies(pluginApiVersion, range)).map(([version]) => version));
  if (exact) return exact;
  if (!options.nearest) return exact;
  return newest(
    anchors.filter(([, range]) => semver.lte(semver.minVersion(range)?.version ?? '0.0.0', pluginApiVersion)).map(([version]) => version),
  );
}

/** Whether a repository's version of a package has an API, and which version that was decided at. */
export interface ApiInRepository {
  location: ExportLocation;
  /** The version of the package decided at; undefined when the data has no version of it at all. */
  version?: string;
  /** True when the repository uses no version of the package: the newest published one decided. */
  newest: boolean;
}

/**
 * Whether the version of `pkg` the repository uses (its own, else the one of its release line) has `name`: an
 * export, or `<export>.<member>` (`HttpRouterService.addAuthPolicy`, `coreServices.tokenManager`). A repository
 * that uses no version of it at all gets the newest published one when it installs it, so that one decides.
 */
export function apiInRepository(pkg: string, name: string, versions: Record<string, { version: string }> | undefined): ApiInRepository {
  const own = versionInRepository(pkg, versions);
  const version = own ?? PACKAGES[pkg]?.checked.at(-1);
  return { location: locateExport(pkg, name, version), version, newest: own === undefined };
}

/** A published sign-in provider module: the first version the registry has, and the one of the repository's release. */
export interface PublishedAuthProviderModule {
  first: string;
  /** Made for the release line the repository resolves; undefined when unknown or none was made for it. */
  forRelease?: string;
  /** Whether the repository's release line is known (its `@backstage/backend-plugin-api` version). */
  releaseKnown: boolean;
}

const AUTH_PROVIDER_MODULES = new Set<string>(data.authProviderModules);

/**
 * Whether `pkg` is a published sign-in provider module of the auth backend (entries.json's `authProviderModules`,
 * read from the registry); undefined when it is not, so no step names a package that does not exist.
 */
export function publishedAuthProviderModule(
  pkg: string,
  versions: Record<string, { version: string }> | undefined,
): PublishedAuthProviderModule | undefined {
  if (!AUTH_PROVIDER_MODULES.has(pkg)) return undefined;
  const pluginApi = versions ? pluginApiVersionOf(versions) : undefined;
  const forRelease = pluginApi ? versionForRelease(pkg, pluginApi) : undefined;
  return { first: PACKAGES[pkg].checked[0], releaseKnown: pluginApi !== undefined, ...(forRelease ? { forRelease } : {}) };
}

export { releaseFit, type ReleaseFit } from './releaseFit';
