/**
 * The sign-in providers a repository configures (`auth.providers.<key>` in its root `app-config*.yaml`) and the
 * published module each needs on the new backend system, where the auth plugin installs no provider by itself.
 */
import { parse } from 'yaml';
import type { RepoEntry } from './files';

const ROOT_APP_CONFIG = /^app-config(\.[\w.-]+)?\.ya?ml$/;

/** Config keys whose module name is not the key in kebab case. */
const MODULE_SLUG: Record<string, string> = {
  awsalb: 'aws-alb',
  cfaccess: 'cloudflare-access',
  azureEasyAuth: 'azure-easyauth',
  vmwareCloudServices: 'vmware-cloud',
};

/** `github` -> `@backstage/plugin-auth-backend-module-github-provider`. */
export function authProviderModule(configKey: string): string {
  const slug = MODULE_SLUG[configKey] ?? configKey.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `@backstage/plugin-auth-backend-module-${slug}-provider`;
}

/** The `auth.providers` keys of every root app-config file, sorted; undefined when no such file could be read. */
export function readConfiguredAuthProviders(
  files: readonly RepoEntry[],
  read: (relPath: string) => string | undefined,
): string[] | undefined {
  let readAny = false;
  const providers = new Set<string>();
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
    if (configured && typeof configured === 'object') for (const key of Object.keys(configured)) providers.add(key);
  }
  return readAny ? [...providers].sort() : undefined;
}
