import type { BackstageCredentials } from './AuthService';

export type PermissionAttributes = { action?: 'create' | 'read' | 'update' | 'delete' };

export interface BasicPermission {
  type: 'basic';
  name: string;
  attributes: PermissionAttributes;
}

export interface ResourcePermission<TResourceType extends string = string> {
  type: 'resource';
  name: string;
  attributes: PermissionAttributes;
  resourceType: TResourceType;
}

export type Permission = BasicPermission | ResourcePermission;

export enum AuthorizeResult {
  DENY = 'DENY',
  ALLOW = 'ALLOW',
  CONDITIONAL = 'CONDITIONAL',
}

export type AuthorizePermissionRequest =
  { permission: BasicPermission; resourceRef?: undefined } | { permission: ResourcePermission; resourceRef?: string };

export type AuthorizePermissionResponse = { result: AuthorizeResult.ALLOW | AuthorizeResult.DENY };

export type QueryPermissionRequest = { permission: ResourcePermission; resourceRef?: undefined };

export type PermissionCriteria<T> =
  { allOf: PermissionCriteria<T>[] } | { anyOf: PermissionCriteria<T>[] } | { not: PermissionCriteria<T> } | T;

export type PermissionCondition = { rule: string; resourceType: string; params?: Record<string, unknown> };

export type QueryPermissionResponse =
  | { result: AuthorizeResult.ALLOW | AuthorizeResult.DENY }
  | { result: AuthorizeResult.CONDITIONAL; pluginId: string; resourceType: string; conditions: PermissionCriteria<PermissionCondition> };

/** Decides whether credentials may do something; allow-all unless a policy is installed. */
export interface PermissionsService {
  authorize(requests: AuthorizePermissionRequest[], options: { credentials: BackstageCredentials }): Promise<AuthorizePermissionResponse[]>;
  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: { credentials: BackstageCredentials },
  ): Promise<QueryPermissionResponse[]>;
}

/** What a permission policy sees and answers; supplied by a module through the permission plugin's extension point. */
export interface PermissionPolicy {
  handle(
    request: { permission: Permission; resourceRef?: string },
    user: { credentials: BackstageCredentials; userEntityRef?: string },
  ): Promise<QueryPermissionResponse | AuthorizePermissionResponse>;
}
