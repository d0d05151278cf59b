import type { Permission } from './PermissionsService';

/** A rule a conditional decision can name: it tests a resource, or turns into a query filter. */
export interface PermissionRule<
  TResource = unknown,
  TQuery = unknown,
  TResourceType extends string = string,
  TParams extends Record<string, unknown> = Record<string, unknown>,
> {
  name: string;
  description: string;
  resourceType: TResourceType;
  paramsSchema?: unknown;
  apply(resource: TResource, params: TParams): boolean;
  toQuery(params: TParams): TQuery;
}

/** A handle naming a resource type of one plugin, as `createPermissionResourceRef` makes it. */
export interface PermissionResourceRef<TResource = unknown, TQuery = unknown, TResourceType extends string = string> {
  pluginId: string;
  resourceType: TResourceType;
  readonly TResource?: TResource;
  readonly TQuery?: TQuery;
}

export interface PermissionRuleset<TResource = unknown, TQuery = unknown, TResourceType extends string = string> {
  getRuleByName(name: string): PermissionRule<TResource, TQuery, TResourceType>;
}

export interface PermissionsRegistryAddResourceTypeOptions<TResourceType extends string, TResource, TQuery> {
  resourceRef: PermissionResourceRef<TResource, TQuery, TResourceType>;
  permissions?: Permission[];
  rules: PermissionRule<TResource, TQuery, NoInfer<TResourceType>>[];
  /** Loads resources by ref, for conditions the policy sends back to this plugin. */
  getResources?(resourceRefs: string[]): Promise<Array<TResource | undefined>>;
}

/** The permissions, rules and resource types one plugin declares (Backstage's `core.permissionsRegistry`). */
export interface PermissionsRegistryService {
  addPermissions(permissions: Permission[]): void;
  addPermissionRules(rules: PermissionRule<unknown, unknown, string>[]): void;
  addResourceType<const TResourceType extends string, TResource, TQuery>(
    options: PermissionsRegistryAddResourceTypeOptions<TResourceType, TResource, TQuery>,
  ): void;
  getPermissionRuleset<TResourceType extends string, TResource, TQuery>(
    resourceRef: PermissionResourceRef<TResource, TQuery, TResourceType>,
  ): PermissionRuleset<TResource, TQuery, TResourceType>;
}
