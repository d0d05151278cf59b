import type {
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PermissionResourceRef,
  PermissionRule,
  PermissionRuleset,
  PermissionsRegistryAddResourceTypeOptions,
  PermissionsRegistryService,
} from '../../api';
import { InputError } from '../../api';
import { isConvertibleSchema, parseWithSchema, toJsonSchema, type JsonSchema } from '../schemas';

type AnyRule = PermissionRule<unknown, unknown, string>;
type ResourceType = { getResources?(refs: string[]): Promise<Array<unknown | undefined>> };

/** One plugin's permissions, rules and resource types; what its metadata and apply-conditions routes answer from. */
export class PluginPermissionsRegistry implements PermissionsRegistryService {
  readonly #permissions = new Map<string, Permission>();
  readonly #rules = new Map<string, Map<string, AnyRule>>();
  readonly #resourceTypes = new Map<string, ResourceType>();
  /** Each rule's params as JSON Schema, converted once when the rule is added. */
  readonly #paramsSchemas = new WeakMap<AnyRule, JsonSchema>();

  readonly #pluginId: string;

  constructor(pluginId: string) {
    this.#pluginId = pluginId;
  }

  addPermissions(permissions: Permission[]): void {
    for (const permission of permissions) {
      if (!permission || typeof permission.name !== 'string') {
        throw new TypeError(`permissionsRegistry.addPermissions in plugin '${this.#pluginId}' got a permission without a name`);
      }
      this.#permissions.set(permission.name, permission);
    }
  }

  addPermissionRules(rules: AnyRule[]): void {
    for (const rule of rules) {
      if (!this.#resourceTypes.has(rule.resourceType)) {
        throw new Error(
          `permission rule '${rule.name}' of plugin '${this.#pluginId}' is for resource type '${rule.resourceType}', which this plugin has not added; ` +
            'call addResourceType for it first',
        );
      }
      if (!isConvertibleSchema(rule.paramsSchema)) {
        throw new TypeError(
          `permission rule '${rule.name}' of plugin '${this.#pluginId}' has a paramsSchema that cannot be described as JSON Schema; ` +
            'use a zod schema (zod 3, or zod 4 with Standard JSON Schema)',
        );
      }
      this.#paramsSchemas.set(rule, toJsonSchema(rule.paramsSchema));
      this.#rulesOf(rule.resourceType).set(rule.name, rule);
    }
  }

  addResourceType<const T extends string, R, Q>(options: PermissionsRegistryAddResourceTypeOptions<T, R, Q>): void {
    const { resourceRef } = options;
    if (resourceRef.pluginId !== this.#pluginId) {
      throw new Error(
        `plugin '${this.#pluginId}' cannot add resource type '${resourceRef.resourceType}', which belongs to plugin '${resourceRef.pluginId}'`,
      );
    }
    if (this.#resourceTypes.has(resourceRef.resourceType)) {
      throw new Error(`resource type '${resourceRef.resourceType}' was already added by plugin '${this.#pluginId}'`);
    }
    this.#resourceTypes.set(resourceRef.resourceType, { getResources: options.getResources as ResourceType['getResources'] });
    if (options.permissions) this.addPermissions(options.permissions);
    this.addPermissionRules(options.rules as AnyRule[]);
  }

  getPermissionRuleset<T extends string, R, Q>(resourceRef: PermissionResourceRef<R, Q, T>): PermissionRuleset<R, Q, T> {
    const rules = this.#rulesOf(resourceRef.resourceType);
    const pluginId = this.#pluginId;
    return {
      getRuleByName(name: string) {
        const rule = rules.get(name);
        if (!rule) throw new Error(`plugin '${pluginId}' has no permission rule '${name}' for resource type '${resourceRef.resourceType}'`);
        return rule as unknown as PermissionRule<R, Q, T>;
      },
    };
  }

  /** What `GET /.well-known/backstage/permissions/metadata` answers. */
  metadata() {
    const rules = [...this.#rules.values()].flatMap((byName) =>
      [...byName.values()].map((r) => ({
        name: r.name,
        description: r.description,
        resourceType: r.resourceType,
        paramsSchema: this.#paramsSchemas.get(r),
      })),
    );
    return { permissions: [...this.#permissions.values()], rules };
  }

  /** Evaluates conditions a policy returned for resources of this plugin: one ALLOW or DENY per resource ref. */
  async applyConditions(item: {
    resourceType: string;
    resourceRef: string | string[];
    conditions: PermissionCriteria<PermissionCondition>;
  }): Promise<Array<'ALLOW' | 'DENY'>> {
    const type = this.#resourceTypes.get(item.resourceType);
    if (!type?.getResources) {
      throw Object.assign(new Error(`plugin '${this.#pluginId}' cannot load resources of type '${item.resourceType}'`), {
        name: 'InputError',
      });
    }
    const refs = Array.isArray(item.resourceRef) ? item.resourceRef : [item.resourceRef];
    const resources = await type.getResources(refs);
    return resources.map((resource) =>
      resource !== undefined && this.#matches(item.resourceType, item.conditions, resource) ? 'ALLOW' : 'DENY',
    );
  }

  #matches(resourceType: string, criteria: PermissionCriteria<PermissionCondition>, resource: unknown): boolean {
    if ('allOf' in criteria) return criteria.allOf.every((c) => this.#matches(resourceType, c, resource));
    if ('anyOf' in criteria) return criteria.anyOf.some((c) => this.#matches(resourceType, c, resource));
    if ('not' in criteria) return !this.#matches(resourceType, criteria.not, resource);
    const rule = this.#rulesOf(resourceType).get(criteria.rule);
    if (!rule) throw Object.assign(new Error(`unknown permission rule '${criteria.rule}'`), { name: 'InputError' });
    if (rule.paramsSchema !== undefined) {
      const checked = parseWithSchema(rule.paramsSchema, criteria.params);
      if (!checked.success) {
        throw new InputError(`Parameters to rule '${rule.name}' of plugin '${this.#pluginId}' are invalid: ${checked.problems}`);
      }
    }
    return rule.apply(resource, criteria.params ?? {});
  }

  #rulesOf(resourceType: string): Map<string, AnyRule> {
    let rules = this.#rules.get(resourceType);
    if (!rules) this.#rules.set(resourceType, (rules = new Map()));
    return rules;
  }
}
