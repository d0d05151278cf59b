import { coreServices, createServiceFactory } from '../../api';
import { PolicyPermissionsService } from './PolicyPermissionsService';
import { permissionPolicyHolderServiceRef } from './policyHolder';

export const permissionsServiceFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: { holder: permissionPolicyHolderServiceRef, logger: coreServices.logger },
  factory({ holder, logger }) {
    return new PolicyPermissionsService(holder, logger);
  },
});
