/**
 * The registry: every transform, in the order the runner applies them to a file. Each transform engineer
 * adds one line here; the runner, `--only` and the fixture harness read nothing else.
 */
import type { Transform } from './types';
import { backendIndexTransform } from './backendIndex';
import { pluginExportTransform } from './pluginExport';
import { catalogModuleTransform } from './catalogModule';
import { backstageTypesTransform } from './backstageTypes';
import { createPackageJsonTransform } from './packageJson';

/** The transforms that rewrite source code; package-json reads their output for the packages' dependencies. */
const sourceTransforms: Transform[] = [backendIndexTransform, pluginExportTransform, catalogModuleTransform, backstageTypesTransform];

export const allTransforms: Transform[] = [...sourceTransforms, createPackageJsonTransform(sourceTransforms)];

/** The transforms named by `--only`, kept in registry order; throws naming the unknown ones. */
export function selectTransforms(only?: readonly string[], from: readonly Transform[] = allTransforms): Transform[] {
  if (!only || only.length === 0) return [...from];
  const known = new Set(from.map((t) => t.name));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown transform${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')} in --only; ` +
        `known: ${[...known].join(', ') || '(none registered)'}`,
    );
  }
  return from.filter((t) => only.includes(t.name));
}

export type { FileOutcome, ManualStep, PackageFacts, RepoFacts, SourceFile, Transform, TransformContext, TransformResult } from './types';
