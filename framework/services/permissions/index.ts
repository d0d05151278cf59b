export { PolicyPermissionsService } from './PolicyPermissionsService';
export { permissionsServiceFactory } from './permissionsServiceFactory';
export { permissionPlugin, policyExtensionPoint, type PolicyExtensionPoint } from './permissionPlugin';
export { policyDecider, type PermissionDecider, type PermissionDecision, type DecisionRequest } from './deciders';
export {
  permissionPolicyHolderServiceFactory,
  permissionPolicyHolderServiceRef,
  PERMISSION_PLUGIN_ID,
  type PermissionPolicyHolder,
} from './policyHolder';
