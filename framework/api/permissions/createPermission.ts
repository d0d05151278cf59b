import type { BasicPermission, PermissionAttributes, ResourcePermission } from '../services/PermissionsService';

const NAME_PATTERN = /^[^\s]+$/;

/** Declares a permission: basic without `resourceType`, resource permission with it. */
export function createPermission<TResourceType extends string>(options: {
  name: string;
  attributes: PermissionAttributes;
  resourceType: TResourceType;
}): ResourcePermission<TResourceType>;
export function createPermission(options: { name: string; attributes: PermissionAttributes }): BasicPermission;
export function createPermission(options: {
  name: string;
  attributes: PermissionAttributes;
  resourceType?: string;
}): BasicPermission | ResourcePermission {
  const { name, attributes, resourceType } = options ?? ({} as typeof options);
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new TypeError(`Invalid permission name '${String(name)}': use a non-empty name without spaces, e.g. 'catalog.entity.delete'`);
  }
  if (typeof attributes !== 'object' || attributes === null) {
    throw new TypeError(`createPermission '${name}' needs an attributes object, e.g. { action: 'read' } or {}`);
  }
  const { action } = attributes;
  if (action !== undefined && !['create', 'read', 'update', 'delete'].includes(action)) {
    throw new TypeError(
      `createPermission '${name}': attributes.action must be 'create', 'read', 'update' or 'delete', got '${String(action)}'`,
    );
  }
  if (resourceType === undefined) {
    return { type: 'basic', name, attributes };
  }
  if (typeof resourceType !== 'string' || resourceType.length === 0) {
    throw new TypeError(`createPermission '${name}': resourceType must be a non-empty string, e.g. 'catalog-entity'`);
  }
  return { type: 'resource', name, attributes, resourceType };
}

/** Whether a permission is a resource permission (of the given resource type, when one is given). */
export function isResourcePermission<T extends string = string>(
  permission: BasicPermission | ResourcePermission,
  resourceType?: T,
): permission is ResourcePermission<T> {
  return permission.type === 'resource' && (resourceType === undefined || permission.resourceType === resourceType);
}
