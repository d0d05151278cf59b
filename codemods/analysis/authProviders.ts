/**
 * The sign-in providers a repository configures (`auth.providers.<key>` in its root `app-config*.yaml`) and what
 * each needs on the new backend system, where the auth plugin installs no provider by itself: the published module
 * for that provider when one exists (entries.json lists them, read from the registry), else a custom module. The
 * one rule `migrate` steps and `adopt` blockers word provider modules by (both reach it through nativeLoss).
 */
import { parse } from 'yaml';
import type { RepoEntry } from './files';
import { publishedAuthProviderModule, type PublishedAuthProviderModule } from './publishedEntries';

const ROOT_APP_CONFIG = /^app-config(\.[\w.-]+)?\.ya?ml$/;

/** A provider key under `auth.providers` and the root app-config files that configure it. */
export interface ConfiguredAuthProvider {
  key: string;
  files: string[];
}

/** Config keys whose module name is not the key in kebab case. */
const MODULE_SLUG: Record<string, string> = {
  awsalb: 'aws-alb',
  cfaccess: 'cloudflare-access',
  azureEasyAuth: 'azure-easyauth',
  vmwareCloudServices: 'vmware-cloud',
};

/** `github` -> `@backstage/plugin-auth-backend-module-github-provider`, whether or not it was published. */
function moduleNameFor(configKey: string): string {
  const slug = MODULE_SLUG[configKey] ?? configKey.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `@backstage/plugin-auth-backend-module-${slug}-provider`;
}

/** The module a provider key needs, and whether the registry has it (undefined `published`: it was never published). */
export function authProviderModule(
  configKey: string,
  versions?: Record<string, { version: string }>,
): { name: string; published?: PublishedAuthProviderModule } {
  const name = moduleNameFor(configKey);
  const published = publishedAuthProviderModule(name, versions);
  return published ? { name, published } : { name };
}

/**
 * What to add for these provider keys: each published module by name (with the version of the repository's
 * release line when known), and for keys no module was published for, a custom module registered on
 * `authProvidersExtensionPoint`, naming the keys and where they are configured.
 */
export function authProviderModulesStep(
  providers: readonly ConfiguredAuthProvider[],
  versions: Record<string, { version: string }> | undefined,
): string {
  const known: string[] = [];
  const custom: ConfiguredAuthProvider[] = [];
  for (const provider of providers) {
    const module = authProviderModule(provider.key, versions);
    if (module.published) known.push(`\`${module.name}\` (auth.providers.${provider.key}${versionNote(module.published)})`);
    else custom.push(provider);
  }
  const parts: string[] = [];
  if (known.length > 0) parts.push(`add ${known.join(', ')}, each with its sign-in resolver in config or a module`);
  if (custom.length > 0) {
    const named = custom.map((p) => `auth.providers.${p.key}${p.files.length > 0 ? ` (${p.files.join(', ')})` : ''}`);
    const keys = custom.map((p) => p.key);
    parts.push(
      `no published \`@backstage/plugin-auth-backend-module-<provider>-provider\` exists for ${named.join(', ')}: ` +
        `write an auth backend module that registers ${registration(keys)} from \`@backstage/plugin-auth-node\``,
    );
  }
  return parts.join('; ');
}

/** `authProvidersExtensionPoint.registerProvider(...)` as a call per key. */
function registration(keys: readonly string[]): string {
  const call = (providerId: string) => `\`authProvidersExtensionPoint.registerProvider({ providerId: '${providerId}', factory })\``;
  return keys.length === 1 ? `it with ${call(keys[0])}` : `each with ${call('<key>')} (${keys.map((k) => `'${k}'`).join(', ')})`;
}

function versionNote(published: PublishedAuthProviderModule): string {
  if (published.forRelease) return `, ${published.forRelease} for this repository's release line`;
  if (published.releaseKnown) return `, no version known for this repository's release line, oldest known ${published.first}`;
  return '';
}

/** The `auth.providers` keys of every root app-config file, sorted, with their files; undefined when no such file could be read. */
export function readConfiguredAuthProviders(
  files: readonly RepoEntry[],
  read: (relPath: string) => string | undefined,
): ConfiguredAuthProvider[] | undefined {
  let readAny = false;
  const providers = new Map<string, string[]>();
  for (const file of files) {
    if (!ROOT_APP_CONFIG.test(file.path)) continue;
    let config: unknown;
    try {
      const text = read(file.path);
      if (text === undefined) continue;
      config = parse(text);
    } catch {
      continue; // a config that does not parse says nothing about providers; the step then stays generic
    }
    readAny = true;
    const configured = (config as { auth?: { providers?: unknown } } | null)?.auth?.providers;
    if (configured && typeof configured === 'object')
      for (const key of Object.keys(configured)) providers.set(key, [...(providers.get(key) ?? []), file.path]);
  }
  if (!readAny) return undefined;
  return [...providers.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, inFiles]) => ({ key, files: inFiles }));
}
