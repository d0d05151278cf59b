export { PolicyPermissionsService } from './PolicyPermissionsService';
export { permissionsServiceFactory } from './permissionsServiceFactory';
export { permissionPlugin, policyExtensionPoint, type PolicyExtensionPoint } from './permissionPlugin';
export {
  permissionPolicyHolderServiceFactory,
  permissionPolicyHolderServiceRef,
  PERMISSION_PLUGIN_ID,
  type PermissionPolicyHolder,
} from './policyHolder';
