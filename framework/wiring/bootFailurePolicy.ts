import type { Config } from '../api';
import { invalidBootFailurePolicy } from './errors';

export type BootFailureAction = 'abort' | 'continue';

export interface BootFailurePolicy {
  forPlugin(pluginId: string): BootFailureAction;
  forModule(pluginId: string, moduleId: string): BootFailureAction;
}

const PREFIX = 'backend.startup';

/**
 * Reads what to do when a plugin or module fails to start, from `backend.startup` in the root config:
 * `default.onPluginBootFailure` / `default.onPluginModuleBootFailure`, overridden per plugin by
 * `plugins.<id>.onPluginBootFailure` and per module by `plugins.<id>.modules.<id>.onPluginModuleBootFailure`.
 * Every configured value is validated up front, so a typo fails the start instead of the first failure.
 */
export function readBootFailurePolicy(config: Config | undefined): BootFailurePolicy {
  const startup = config?.getOptionalConfig(PREFIX);
  const read = (scope: Config | undefined, key: string, path: string): BootFailureAction | undefined => {
    const value = scope?.getOptional(key);
    if (value === undefined) return undefined;
    if (value !== 'abort' && value !== 'continue') throw invalidBootFailurePolicy(`${PREFIX}.${path}`, value);
    return value;
  };
  const defaults = startup?.getOptionalConfig('default');
  const defaultPlugin = read(defaults, 'onPluginBootFailure', 'default.onPluginBootFailure') ?? 'abort';
  const defaultModule = read(defaults, 'onPluginModuleBootFailure', 'default.onPluginModuleBootFailure') ?? 'abort';

  const plugins = new Map<string, BootFailureAction>();
  const modules = new Map<string, BootFailureAction>();
  const pluginsConfig = startup?.getOptionalConfig('plugins');
  for (const pluginId of pluginsConfig?.keys() ?? []) {
    const pluginConfig = pluginsConfig!.getConfig(pluginId);
    const action = read(pluginConfig, 'onPluginBootFailure', `plugins.${pluginId}.onPluginBootFailure`);
    if (action) plugins.set(pluginId, action);
    const modulesConfig = pluginConfig.getOptionalConfig('modules');
    for (const moduleId of modulesConfig?.keys() ?? []) {
      const moduleAction = read(
        modulesConfig!.getConfig(moduleId),
        'onPluginModuleBootFailure',
        `plugins.${pluginId}.modules.${moduleId}.onPluginModuleBootFailure`,
      );
      if (moduleAction) modules.set(`${pluginId}\0${moduleId}`, moduleAction);
    }
  }
  return {
    forPlugin: (pluginId) => plugins.get(pluginId) ?? defaultPlugin,
    forModule: (pluginId, moduleId) => modules.get(`${pluginId}\0${moduleId}`) ?? defaultModule,
  };
}
