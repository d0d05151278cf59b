import { coreServices, createServiceFactory } from '../../api';
import { policyDecider, servicePrincipalsAllowed } from './deciders';
import { PolicyPermissionsService } from './PolicyPermissionsService';
import { permissionPolicyHolderServiceRef } from './policyHolder';
import { remoteDecider } from './remoteDecider';

/**
 * Where checks go, decided per call: the policy of Forklift's permission plugin when it runs here; the `/authorize`
 * route of another permission plugin running here (Backstage's); otherwise,
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
    const endpoint = servicePrincipalsAllowed(remote);
    return new PolicyPermissionsService({
      logger,
      async getDecider() {
        const source = await holder.getSource();
        if (source.kind === 'policy') return source.policy ? policyDecider(source.policy) : undefined;
        // A permission plugin that is not Forklift's (Backstage's) in this backend answers over HTTP, as in Backstage.
        if (source.kind === 'endpoint') return endpoint;
        return remoteEnabled ? remote : undefined;
      },
    });
  },
});
