/**
 * What a backend would lose if a legacy plugin file were replaced by its package's new-system plugin
 * (`backend.add(import('<package>'))`): every option the file passed beyond its env, and every builder call
 * it made, each with what the new system needs instead (a module, an extension point, an option). One set
 * of rules, shared by `migrate` (whether to swap) and by the plan and adoption steps (what blocks a plugin).
 */
import type { RepoFacts } from '../transforms/types';
import { authProviderModulesStep } from './authProviders';
import type { LocalPluginFile } from './localPluginFile';

/**
 * Where a loss comes from: a default the legacy createRouter applied by itself (`implicit`), an option the file
 * passed, a builder call it made, or other code of the file. Callers classify by this, never by position.
 */
export type LostSettingKind = 'implicit' | 'option' | 'builder-call' | 'code';

export interface LostSetting {
  kind: LostSettingKind;
  /** What the legacy file configured, as a person would name it (`providerFactories`, `addProcessor(...)`). */
  what: string;
  /** What to add on the new-system side so nothing is lost. */
  remedy: string;
}

/** Package-specific remedies, by option name or builder method. */
const REMEDIES: Array<{ packages: RegExp; key: RegExp; remedy: (text: string, facts: RepoFacts | undefined) => string }> = [
  {
    packages: /plugin-auth-backend$/,
    key: /^providerFactories$/,
    remedy: (text, facts) => {
      const keys = [...new Set([...text.matchAll(/providers\.([A-Za-z0-9]+)/g)].map((m) => m[1]))];
      return keys.length > 0
        ? authProviderModulesStep(
            keys.map((key) => ({ key, files: [] })),
            facts?.versions?.packages,
          )
        : 'add an auth provider module for each sign-in provider it configured (`@backstage/plugin-auth-backend-module-<provider>-provider`)';
    },
  },
  {
    packages: /plugin-app-backend$/,
    key: /^appPackageName$/,
    remedy: (text) => `set \`app.packageName\` to ${text} in app-config, which the native app plugin reads instead`,
  },
  {
    packages: /plugin-catalog-backend$/,
    key: /^(addProcessor|addEntityProvider|replaceProcessors|replaceEntityPolicies|addEntityPolicy|setPlaceholderResolver|addPlaceholderResolver|setFieldFormatValidators|addLocationAnalyzers|setProcessingIntervalSeconds|setProcessingInterval)$/,
    remedy: () =>
      'add a catalog module that makes the same call on catalogProcessingExtensionPoint (the catalog-module transform moves processors and providers)',
  },
  {
    packages: /plugin-search-backend$/,
    key: /^(addCollator|addDocumentType|addDecorator|setSearchEngine)$/,
    remedy: () =>
      'add the search modules that index the same documents (`@backstage/plugin-search-backend-module-catalog`, `-techdocs`, ...) or a module on the search indexing extension point',
  },
  {
    packages: /plugin-scaffolder-backend$/,
    key: /^(actions|taskBroker|additionalTemplateFilters|additionalTemplateGlobals)$/,
    remedy: () => 'add a scaffolder module that registers the same actions on scaffolderActionsExtensionPoint',
  },
];

/** What a legacy `createRouter` of a package did by default that its native plugin leaves to modules. */
const IMPLICIT: Array<{ packages: RegExp; unless: RegExp; lost: (facts: RepoFacts | undefined) => Omit<LostSetting, 'kind'> }> = [
  {
    packages: /plugin-auth-backend$/,
    unless: /^providerFactories$/,
    lost: (facts) => ({
      what: 'the sign-in providers the legacy createRouter set up by default (defaultAuthProviderFactories)',
      remedy: authProvidersRemedy(facts),
    }),
  },
];

/** The provider modules to add: named from app-config's `auth.providers` when it was read, else the pattern. */
function authProvidersRemedy(facts: RepoFacts | undefined): string {
  const configured = facts?.authProviders;
  if (configured === undefined)
    return 'add an auth provider module for each provider app-config configures under auth.providers (`@backstage/plugin-auth-backend-module-<provider>-provider`)';
  if (configured.length === 0)
    return 'app-config configures no auth.providers, so sign-in has none either way; add a provider module (`@backstage/plugin-auth-backend-module-<provider>-provider`) for each provider you configure';
  return authProviderModulesStep(configured, facts?.versions?.packages);
}

/** What replacing this legacy plugin file by `packageName`'s native plugin would lose; empty when nothing. */
export function whatNativeWouldLose(file: LocalPluginFile, packageName: string, facts?: RepoFacts): LostSetting[] {
  const lost: LostSetting[] = [];
  for (const implicit of IMPLICIT) {
    if (implicit.packages.test(packageName) && !file.passedOptions.some((name) => implicit.unless.test(name)))
      lost.push({ kind: 'implicit', ...implicit.lost(facts) });
  }
  for (const option of file.configuredOptions) {
    lost.push({
      kind: 'option',
      what: `the \`${option.name}\` option (\`${short(option.text)}\`)`,
      remedy: remedyFor(packageName, option.name, option.text, facts),
    });
  }
  for (const call of file.builderCalls) {
    lost.push({
      kind: 'builder-call',
      what: `\`${call.method}(...)\` (line ${call.line})`,
      remedy: remedyFor(packageName, call.method, call.text, facts),
    });
  }
  if (lost.length === 0 && !file.passThrough) {
    lost.push({
      kind: 'code',
      what: 'code that does more than forward its env to the package',
      remedy: 're-create what it does in a module of the native plugin',
    });
  }
  return lost;
}

function remedyFor(packageName: string, key: string, text: string, facts: RepoFacts | undefined): string {
  const rule = REMEDIES.find((r) => r.packages.test(packageName) && r.key.test(key));
  return rule ? rule.remedy(text, facts) : `pass the same setting to the native plugin (its options, config or an extension point)`;
}

/** Lost settings as one sentence for a manual step, grouping identical remedies. */
export function describeLoss(lost: readonly LostSetting[]): string {
  const byRemedy = new Map<string, string[]>();
  for (const l of lost) byRemedy.set(l.remedy, [...(byRemedy.get(l.remedy) ?? []), l.what]);
  return [...byRemedy.entries()].map(([remedy, whats]) => `${whats.join(', ')}: ${remedy}`).join('; ');
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/`/g, "'");
  return flat.length > 50 ? `${flat.slice(0, 47)}...` : flat;
}
