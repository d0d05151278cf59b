/**
 * What backstage-family output may use at the versions the repository resolves, decided from the published
 * declarations (analysis/publishedEntries, written by scripts/version-facts), never from memory:
 * - `legacyPlugin` / `makeLegacyPlugin` of `@backstage/backend-common`, without which no plugin can be bridged;
 * - per standard env field, whether `makeLegacyPlugin` adds it by itself, or which `coreServices` member and
 *   which backend-common helper (`loggerToWinstonLogger`, `cacheToPluginCacheManager`) a custom mapping needs;
 * - `httpRouter.addAuthPolicy` of `@backstage/backend-plugin-api`, which the open-access helper calls.
 * Where the version in use lacks one, the output does not use it: the caller keeps the legacy form and writes a
 * manual step naming the package and the first version that has it.
 */
import { apiInRepository, type ApiInRepository } from '../../analysis/publishedEntries';
import type { LegacyEnvField } from '../shared/legacyEnv';

const COMMON = '@backstage/backend-common';
const PLUGIN_API = '@backstage/backend-plugin-api';

type Versions = Record<string, { version: string }> | undefined;

/** `@backstage/backend-common 0.17.0`, or `... (the newest; the repository uses none yet)`. */
function named(pkg: string, found: ApiInRepository): string {
  return `${pkg} ${found.version ?? ''}`.trim() + (found.newest ? ' (the newest published; the repository uses none yet)' : '');
}

function firstIn(found: ApiInRepository): string {
  return found.location.kind === 'missing' && found.location.minimum ? ` (first in ${found.location.minimum})` : '';
}

function upgradeTo(pkg: string, found: ApiInRepository): string {
  return found.location.kind === 'missing' && found.location.minimum
    ? `upgrade ${pkg} to ${found.location.minimum} or later`
    : `no published version of ${pkg} has it`;
}

/** The step for an index that would need `legacyPlugin` where the version in use has none; undefined when it has. */
export function missingLegacyPluginStep(versions: Versions): string | undefined {
  const found = apiInRepository(COMMON, 'legacyPlugin', versions);
  if (found.location.kind !== 'missing') return undefined;
  return (
    `${named(COMMON, found)} has no legacyPlugin${firstIn(found)}, which the new backend needs to carry these legacy plugins, ` +
    `so this index is left on the legacy backend; ${upgradeTo(COMMON, found)}, then run forklift migrate again`
  );
}

export type FieldMapping =
  /** `makeLegacyPlugin` of the version in use adds the field to every plugin by itself: not listed. */
  | { kind: 'added-by-makeLegacyPlugin' }
  | { kind: 'mapped'; field: LegacyEnvField; transform?: LegacyEnvField['transform'] }
  /** Cannot be provided with what the versions in use publish: `reason` names the field, package and version. */
  | { kind: 'stuck'; reason: string };

/** How a custom `makeLegacyPlugin` mapping provides a standard env field at the repository's versions. */
export function mapStandardField(field: LegacyEnvField, versions: Versions): FieldMapping {
  const added = apiInRepository(COMMON, `makeLegacyPlugin.${field.field}`, versions);
  if (added.location.kind === 'found') return { kind: 'added-by-makeLegacyPlugin' };
  const service = apiInRepository(PLUGIN_API, `coreServices.${field.backstageService}`, versions);
  if (service.location.kind === 'missing') {
    const later = added.location.kind === 'missing' && added.location.minimum;
    return {
      kind: 'stuck',
      reason:
        `the plugin environment's field \`${field.field}\` is not provided: ${named(PLUGIN_API, service)} has no ` +
        `coreServices.${field.backstageService}, and makeLegacyPlugin of ${named(COMMON, added)} does not add it` +
        (later ? ` (its ${later} and later do)` : '') +
        `; ${later ? `upgrade ${COMMON} to ${later} or later, or ` : ''}provide it as a service (createServiceRef) and add it to the mapping`,
    };
  }
  const gap = field.transform ? legacyAdapterGap(field.transform, versions) : undefined;
  if (gap) {
    return {
      kind: 'stuck',
      reason:
        `the plugin environment's field \`${field.field}\` is not provided: ${gap.lacks}, which turns ` +
        `coreServices.${field.backstageService} into what legacy plugins expect; ${gap.upgrade}, then add ` +
        `\`${field.field}: coreServices.${field.backstageService}\` to the mapping with \`${field.field}: x => ${field.transform}(x)\` ` +
        `among its transforms`,
    };
  }
  return { kind: 'mapped', field, transform: field.transform };
}

/**
 * What the version in use lacks when it has no `@backstage/backend-common` helper that turns a service into its
 * legacy type (`loggerToWinstonLogger`, `cacheToPluginCacheManager`): `lacks` names the package, version and first
 * version with it, `upgrade` the fix. Undefined when the version has it (or the data cannot tell).
 */
export function legacyAdapterGap(
  helper: NonNullable<LegacyEnvField['transform']>,
  versions: Versions,
): { lacks: string; upgrade: string } | undefined {
  const found = apiInRepository(COMMON, helper, versions);
  if (found.location.kind !== 'missing') return undefined;
  return { lacks: `${named(COMMON, found)} has no ${helper}${firstIn(found)}`, upgrade: upgradeTo(COMMON, found) };
}

/** Whether the version in use has `httpRouter.addAuthPolicy` (true when the data cannot tell). */
export function hasAuthPolicy(versions: Versions): boolean {
  return apiInRepository(PLUGIN_API, 'HttpRouterService.addAuthPolicy', versions).location.kind !== 'missing';
}

/**
 * The step for bridged plugins that stay open without the open-access helper, because the version in use has
 * no `httpRouter.addAuthPolicy` (and so no default-deny auth policy either).
 */
export function missingAuthPolicyStep(versions: Versions, pluginIds: readonly string[]): string {
  const found = apiInRepository(PLUGIN_API, 'HttpRouterService.addAuthPolicy', versions);
  return (
    `${pluginIds.join(', ')} ${pluginIds.length === 1 ? 'stays' : 'stay'} open to every caller, as on the legacy backend: ${named(PLUGIN_API, found)} has no ` +
    `httpRouter.addAuthPolicy${firstIn(found)} and no default auth policy; once you upgrade ${PLUGIN_API}` +
    `${found.location.kind === 'missing' && found.location.minimum ? ` to ${found.location.minimum} or later` : ''}, ` +
    `the new backend denies callers without a token: then give each of these plugins a module whose httpRouter.addAuthPolicy ` +
    `allows unauthenticated callers on '/', until its callers send Backstage tokens`
  );
}
