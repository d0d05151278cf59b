import { Minimatch } from 'minimatch';
import type { Config } from '../../api';

export interface ActionAttributes {
  destructive: boolean;
  readOnly: boolean;
  idempotent: boolean;
}

const ATTRIBUTE_KEYS = ['destructive', 'readOnly', 'idempotent'] as const;

/** The attributes an action is listed with: `destructive` defaults to the opposite of `readOnly`. */
export function actionAttributes(attributes?: Partial<ActionAttributes>): ActionAttributes {
  return {
    destructive: attributes?.destructive ?? !attributes?.readOnly,
    idempotent: attributes?.idempotent ?? false,
    readOnly: attributes?.readOnly ?? false,
  };
}

interface FilterRule {
  id?: Minimatch;
  attributes?: Partial<ActionAttributes>;
}

function parseRules(configs: Config[]): FilterRule[] {
  return configs.map((config) => {
    const rule: FilterRule = {};
    const id = config.getOptionalString('id');
    if (id) rule.id = new Minimatch(id);
    const attributes = config.getOptionalConfig('attributes');
    if (attributes) {
      rule.attributes = {};
      for (const key of ATTRIBUTE_KEYS) {
        const value = attributes.getOptionalBoolean(key);
        if (value !== undefined) rule.attributes[key] = value;
      }
    }
    return rule;
  });
}

function matches(action: { id: string; attributes: ActionAttributes }, rule: FilterRule): boolean {
  if (rule.id && !rule.id.match(action.id)) return false;
  for (const key of ATTRIBUTE_KEYS) {
    const wanted = rule.attributes?.[key];
    if (wanted !== undefined && action.attributes[key] !== wanted) return false;
  }
  return true;
}

/**
 * The actions `backend.actions.filter` lets through: an action matching any `exclude` rule is dropped; when
 * there are `include` rules, an action must match one. A rule matches by id glob and/or attribute values.
 * Read on every call, so a reloaded config applies at once.
 */
export function filterActions<T extends { id: string; attributes: ActionAttributes }>(config: Config, actions: T[]): T[] {
  const filter = config.getOptionalConfig('backend.actions.filter');
  if (!filter) return actions;
  const include = parseRules(filter.getOptionalConfigArray('include') ?? []);
  const exclude = parseRules(filter.getOptionalConfigArray('exclude') ?? []);
  return actions.filter(
    (action) => !exclude.some((rule) => matches(action, rule)) && (include.length === 0 || include.some((rule) => matches(action, rule))),
  );
}

/** The plugins whose actions are offered (`backend.actions.pluginSources`); undefined means every plugin. */
export function actionPluginSources(config: Config): string[] | undefined {
  return config.getOptionalStringArray('backend.actions.pluginSources');
}
