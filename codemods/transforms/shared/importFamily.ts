/**
 * Legacy code comes in two import families and the output stays in the family it came from:
 * `backstage` (@backstage/backend-common ...) migrates onto real Backstage packages,
 * `forklift` (forklift/legacy-bridge) onto forklift/framework.
 */
export type ImportFamily = 'backstage' | 'forklift';

/** Where each name of the new form is imported from, per family. */
export const OUTPUT_MODULES: Record<ImportFamily, { backend: string; pluginApi: string; legacy: string }> = {
  backstage: {
    backend: '@backstage/backend-defaults',
    pluginApi: '@backstage/backend-plugin-api',
    legacy: '@backstage/backend-common',
  },
  forklift: {
    backend: 'forklift/framework',
    pluginApi: 'forklift/framework',
    legacy: 'forklift/legacy-bridge',
  },
};

const FORKLIFT_SOURCES = /(['"])forklift\/(legacy-bridge|framework)(\/[^'"]*)?\1/;
const BACKSTAGE_SOURCES =
  /(['"])@backstage\/(backend-common|backend-tasks|backend-plugin-api|backend-defaults|plugin-[a-z0-9-]+-backend[a-z0-9-]*)\1/;

/** The family a file belongs to, judged by its imports; undefined when it imports neither. */
export function detectImportFamily(source: string): ImportFamily | undefined {
  const forklift = FORKLIFT_SOURCES.test(source);
  const backstage = BACKSTAGE_SOURCES.test(source);
  if (forklift && !backstage) return 'forklift';
  if (backstage && !forklift) return 'backstage';
  if (forklift && backstage) return 'forklift';
  return undefined;
}
