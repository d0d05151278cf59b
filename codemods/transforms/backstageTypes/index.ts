/**
 * backstage-types: with `--target backstage`, a forklift-family file's imports of the legacy environment types
 * (`PluginDatabaseManager`, `UrlReader`, `PluginTaskScheduler`, ... from `forklift/legacy-bridge`) become the
 * Backstage types `@backstage/backend-common`'s `legacyPlugin` hands a plugin for the same fields. Without it the
 * migrated backend cannot compile: Backstage's `legacyPlugin` rejects a `createPlugin(env: PluginEnvironment)`
 * typed with forklift's types (they differ in details, e.g. a reader whose `stream` is required), and a new plugin
 * passing `coreServices.scheduler` to a router typed with forklift's scheduler fails the same way.
 *
 * Each type is imported under its forklift name (`import type { SchedulerService as PluginTaskScheduler }`), so
 * no code using it changes; values (`InputError`, `errorHandler`, ...) stay imported from forklift. A type the
 * version the repository uses does not export stays forklift's, with a manual step at the import naming the
 * package and the first version that has it.
 */
import { pluginExportTransform } from '../pluginExport';
import { withOwnLineEndings } from '../shared/lineEndings';
import type { SourceFile, Transform, TransformContext, TransformResult } from '../types';
import { FORKLIFT_LEGACY, rewriteBackstageTypes } from './rewrite';

export const backstageTypesTransform: Transform = {
  name: 'backstage-types',

  matches(file: SourceFile): boolean {
    return /\.[cm]?tsx?$/.test(file.path) && !file.path.endsWith('.d.ts') && file.source.includes(FORKLIFT_LEGACY);
  },

  apply(file: SourceFile, context: TransformContext): TransformResult {
    return withOwnLineEndings(file, context, applyBackstageTypes);
  },
};

function applyBackstageTypes(file: SourceFile, context: TransformContext): TransformResult {
  const unmodified: TransformResult = { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
  if (context.target !== 'backstage' || rewrittenByPluginExport(file.path, context)) return unmodified;
  const rewritten = rewriteBackstageTypes(file, context.facts.versions);
  if (!rewritten) return unmodified;
  return { files: [{ path: file.path, status: 'ok', source: rewritten.source }], manualSteps: rewritten.manualSteps };
}

/**
 * Whether plugin-export, working on the entry of the file's package, rewrites this file too (it marks the
 * router `@deprecated` there, and applies this rewrite to it on the way). A file is changed by one task of a run
 * only, so the file's own task leaves it alone. Asked of plugin-export itself, never guessed.
 */
function rewrittenByPluginExport(path: string, context: TransformContext): boolean {
  const owner = context.facts.packages
    .filter((p) => p.entry && p.entry !== path && (p.dir === '' || path.startsWith(`${p.dir}/`)))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  const entrySource = owner?.entry ? context.readFile(owner.entry) : undefined;
  if (!owner?.entry || entrySource === undefined) return false;
  const entry = { path: owner.entry, source: entrySource };
  if (!pluginExportTransform.matches(entry)) return false;
  try {
    return pluginExportTransform.apply(entry, context).files.some((f) => f.path === path && f.status === 'ok');
  } catch {
    // An entry that does not parse is its own task's error; plugin-export writes nothing for it.
    return false;
  }
}
