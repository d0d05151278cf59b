/**
 * Which form a moved `env.logger` / `env.cache` takes in the module. The legacy environment held a winston
 * `Logger` and a `PluginCacheManager`; the module's deps are `LoggerService` and `CacheService`. Backstage's own
 * catalog modules take the new services, but the repository's own classes and functions (a relative import or
 * one of its workspace packages) were written against the legacy types, so what they are handed is adapted back
 * with `@backstage/backend-common`'s helpers, where the repository's version has them. Forklift output always
 * adapts: its legacy classes expect the legacy types.
 */
import { legacyAdapterGap } from '../backendIndex/backstageApis';
import type { ImportFamily } from '../shared/importFamily';
import { LEGACY_ENV_FIELDS, type LegacyEnvField } from '../shared/legacyEnv';
import { packageOfSpecifier } from '../packageJson/importedPackages';
import type { RepoFacts } from '../types';
import type { EnvUse } from './movability';
import type { ImportedName } from './moveCall';

export type FieldForm =
  /** Passed as the service itself. */
  | { kind: 'service' }
  /** Passed through the helper that gives the legacy type (`loggerToWinstonLogger(logger)`). */
  | { kind: 'adapted'; helper: NonNullable<LegacyEnvField['transform']> }
  /** Needs the legacy type, and the version in use has no helper for it: passed as the service, under this TODO. */
  | { kind: 'stuck'; todo: string };

/** Whether `module` is code of this repository: a relative path, or one of its workspace packages. */
function isOwnCode(module: string, facts: RepoFacts): boolean {
  if (module.startsWith('.') || module.startsWith('/')) return true;
  const pkg = packageOfSpecifier(module);
  return pkg !== undefined && facts.packages.some((p) => p.name === pkg);
}

/** How one `env.<field>` use is passed in a module of the given family. */
export function fieldForm(use: EnvUse, family: ImportFamily, imports: Map<string, ImportedName>, facts: RepoFacts): FieldForm {
  const helper = LEGACY_ENV_FIELDS.find((f) => f.field === use.field)?.transform;
  if (!helper) return { kind: 'service' };
  if (family === 'forklift') return { kind: 'adapted', helper };
  const consumer = use.consumer ? imports.get(use.consumer) : undefined;
  if (!consumer || !isOwnCode(consumer.module, facts)) return { kind: 'service' };
  const gap = legacyAdapterGap(helper, facts.versions?.packages);
  if (!gap) return { kind: 'adapted', helper };
  return {
    kind: 'stuck',
    todo:
      `\`${use.consumer}\` (${consumer.module}) was written for the legacy \`${use.field}\`, which ${helper} gives from ` +
      `coreServices.${use.service}, but ${gap.lacks}: ${gap.upgrade} and pass \`${helper}(${use.field})\`, ` +
      `or change \`${use.consumer}\` to take the ${use.service === 'logger' ? 'LoggerService' : 'CacheService'} it gets here`,
  };
}
