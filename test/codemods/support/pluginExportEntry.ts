/**
 * plugin-export run through direct `apply` calls on a package held in memory, for the pluginExport.*.test.ts
 * files (the fixture pairs under test/fixtures/plugin-export run through the CLI in fixtures.test.ts).
 */
import { pluginExportTransform } from '../../../codemods/transforms/pluginExport';
import type { PackageFacts, TransformContext, TransformResult } from '../../../codemods/transforms/types';

export const MANIFEST = (name: string, deps: Record<string, string> = { forklift: '*' }) =>
  JSON.stringify({ name, backstage: { role: 'backend-plugin' }, dependencies: deps });

export const WINSTON_ROUTER = `import { Config } from 'forklift/legacy-bridge';
import express from 'express';
import { Logger } from 'winston';

export interface RouterOptions {
  logger: Logger;
  config: Config;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  return express.Router();
}
`;

export function contextOf(
  files: Record<string, string>,
  extra: Partial<TransformContext> = {},
  packages?: PackageFacts[],
): TransformContext {
  return {
    root: '/repo',
    facts: { packages: packages ?? [], pluginIdsByPackage: {} },
    readFile: (path) => files[path],
    ...extra,
  };
}

export function applyEntry(
  files: Record<string, string>,
  extra: Partial<TransformContext> = {},
  packages?: PackageFacts[],
): TransformResult {
  const file = { path: 'src/index.ts', source: files['src/index.ts'] };
  expect(pluginExportTransform.matches(file)).toBe(true);
  return pluginExportTransform.apply(file, contextOf(files, extra, packages));
}

export const created = (result: TransformResult, path = 'src/plugin.ts') => {
  const outcome = result.files.find((f) => f.path === path);
  if (!outcome || outcome.status !== 'created') throw new Error(`expected ${path} to be created, got ${JSON.stringify(result.files)}`);
  return outcome.source;
};
