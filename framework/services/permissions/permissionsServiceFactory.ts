import { coreServices, createServiceFactory } from '../../api';
import { policyDecider } from './deciders';
import { PolicyPermissionsService } from './PolicyPermissionsService';
import { permissionPolicyHolderServiceRef } from './policyHolder';
import { remoteDecider } from './remoteDecider';

/**
 * Where checks go, decided per call: the permission plugin of this instance when it runs here; otherwise,
 * with `permission.enabled: true`, the permission plugin of another instance through discovery (split
 * deployments); otherwise nowhere, and everything is allowed.
 */
export const permissionsServiceFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {
    holder: permissionPolicyHolderServiceRef,
    logger: coreServices.logger,
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
    auth: coreServices.auth,
  },
  createRootContext({ config }) {
    return { remoteEnabled: config.getOptionalBoolean('permission.enabled') === true };
  },
  factory({ holder, logger, discovery, auth }, { remoteEnabled }) {
    const remote = remoteDecider({ discovery, auth });
    return new PolicyPermissionsService({
      logger,
      async getDecider() {
        if (await holder.hasPermissionPlugin()) {
          const policy = await holder.getPolicy();
          return policy ? policyDecider(policy) : undefined;
        }
        return remoteEnabled ? remote : undefined;
      },
    });
  },
});
