/**
 * Which published version of a release-anchor package (backend-defaults, the -node packages) belongs to the
 * release line a repository resolves, read from the dependencies each version declares (entries.json,
 * scripts/version-facts): a version fits when its own `@backstage/backend-plugin-api` and
 * `@backstage/backend-common` ranges accept the versions the repository resolves. A later release's version is
 * never offered: it would pull a second, newer copy of those packages whose types do not meet the repository's.
 */
import semver from 'semver';
import data from './entries.json';

const PLUGIN_API = '@backstage/backend-plugin-api';
const COMMON = '@backstage/backend-common';

interface AnchorData {
  checked: string[];
  pluginApiRange?: Record<string, string>;
  commonRange?: Record<string, string>;
}

const PACKAGES = data.packages as Record<string, AnchorData>;

export type ReleaseFit =
  /** `version` is the oldest published one whose declared ranges accept the repository's versions. */
  | { kind: 'fits'; version: string }
  /**
   * No published version fits: `pinned` names the repository's versions (`@backstage/backend-plugin-api 0.6.12`),
   * `upgrades` what the oldest published version that is not of an older line needs (`@backstage/backend-plugin-api
   * to >=0.6.21`), `oldest` that version.
   */
  | { kind: 'none'; pinned: string[]; upgrades: string[]; oldest?: string }
  /** No dependency data for this package, or the repository resolves neither anchor: nothing to decide with. */
  | { kind: 'unknown' };

type Versions = Record<string, { version: string }>;

function exact(versions: Versions, pkg: string): string | undefined {
  return semver.valid(semver.coerce(versions[pkg]?.version ?? '')) ?? undefined;
}

/** The `@backstage/backend-plugin-api` range the repository's backend-common asks for (nearest listed version below). */
function pluginApiRangeOfCommon(common: string): string | undefined {
  const anchors = PACKAGES[COMMON]?.pluginApiRange ?? {};
  const nearest = Object.keys(anchors)
    .filter((v) => semver.lte(v, common) && semver.major(v) === semver.major(common))
    .sort(semver.rcompare)[0];
  return nearest ? anchors[nearest] : undefined;
}

interface Requirement {
  pkg: string;
  range: string;
  /** The repository's version, or the range its backend-common gives the package. */
  have: string;
  met: boolean;
}

/** What version `version` of `pkg` asks of the repository's anchors; empty when it asks nothing checkable. */
function requirementsOf(pkg: string, version: string, versions: Versions): Requirement[] {
  const entry = PACKAGES[pkg];
  const pluginApi = exact(versions, PLUGIN_API);
  const common = exact(versions, COMMON);
  const requirements: Requirement[] = [];
  const pluginApiRange = entry.pluginApiRange?.[version];
  if (pluginApiRange && pluginApi) {
    requirements.push({ pkg: PLUGIN_API, range: pluginApiRange, have: pluginApi, met: semver.satisfies(pluginApi, pluginApiRange) });
  } else if (pluginApiRange && common) {
    // The repository gets backend-plugin-api through its backend-common: one copy must meet both ranges.
    const viaCommon = pluginApiRangeOfCommon(common);
    if (viaCommon) {
      requirements.push({ pkg: PLUGIN_API, range: pluginApiRange, have: viaCommon, met: semver.intersects(pluginApiRange, viaCommon) });
    }
  }
  const commonRange = entry.commonRange?.[version];
  if (commonRange && common)
    requirements.push({ pkg: COMMON, range: commonRange, have: common, met: semver.satisfies(common, commonRange) });
  return requirements;
}

/** The version of `pkg` to add to a repository that resolves `versions`, decided by each version's own dependencies. */
export function releaseFit(pkg: string, versions: Versions): ReleaseFit {
  const entry = PACKAGES[pkg];
  if (!entry?.pluginApiRange || (!exact(versions, PLUGIN_API) && !exact(versions, COMMON))) return { kind: 'unknown' };
  const checked = [...entry.checked].sort(semver.compare);
  const judged = checked.map((version) => ({ version, requirements: requirementsOf(pkg, version, versions) }));
  const fit = judged.find((j) => j.requirements.length > 0 && j.requirements.every((r) => r.met));
  if (fit) return { kind: 'fits', version: fit.version };
  const pinned = [PLUGIN_API, COMMON].filter((p) => exact(versions, p)).map((p) => `${p} ${versions[p].version}`);
  // The oldest version whose unmet ranges all start above what the repository has: the upgrade to make.
  const ahead = judged.find(
    (j) =>
      j.requirements.length > 0 && j.requirements.every((r) => r.met || semver.ltr(semver.minVersion(r.have)?.version ?? '0.0.0', r.range)),
  );
  const upgrades = (ahead?.requirements ?? [])
    .filter((r) => !r.met)
    .map((r) => `${r.pkg} to >=${semver.minVersion(r.range)?.version ?? r.range}`);
  return { kind: 'none', pinned, upgrades, oldest: ahead?.version };
}
