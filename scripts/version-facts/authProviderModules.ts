/**
 * The published sign-in provider modules of the auth backend (`@backstage/plugin-auth-backend-module-*-provider`),
 * each with its released versions and, per version, the `@backstage/backend-plugin-api` range it asks for: what
 * lets a step name a module only when it exists, at a version of the repository's release line. Read from
 * package metadata only (no tarball): the auth backend's dependencies name the modules, the candidates add the
 * ones it never installed.
 */
import { AUTH_BACKEND, AUTH_PROVIDER_MODULE, AUTH_PROVIDER_MODULE_CANDIDATES } from './packages';
import { listVersions } from './registry';

const PLUGIN_API = '@backstage/backend-plugin-api';

export interface ModuleVersions {
  checked: string[];
  exports: Record<string, never>;
  pluginApiRange: Record<string, string>;
}

export async function readAuthProviderModules(registry: string): Promise<Record<string, ModuleVersions>> {
  const names = new Set(AUTH_PROVIDER_MODULE_CANDIDATES);
  for (const version of await listVersions(registry, AUTH_BACKEND)) {
    for (const dependency of Object.keys(version.dependencies)) if (AUTH_PROVIDER_MODULE.test(dependency)) names.add(dependency);
  }
  const modules: Record<string, ModuleVersions> = {};
  for (const name of [...names].sort()) {
    const versions = await listVersions(registry, name);
    if (versions.length === 0) continue; // not published (the registry answered 404): no step may name it
    modules[name] = {
      checked: versions.map((v) => v.version),
      exports: {},
      pluginApiRange: Object.fromEntries(
        versions.filter((v) => PLUGIN_API in v.dependencies).map((v) => [v.version, v.dependencies[PLUGIN_API]]),
      ),
    };
  }
  return modules;
}
