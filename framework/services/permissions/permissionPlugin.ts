import { coreServices, createBackendPlugin, createExtensionPoint, type PermissionPolicy } from '../../api';
import { createAuthorizeRouter } from './authorizeRoute';
import { PERMISSION_PLUGIN_ID, permissionPolicyHolderServiceRef } from './policyHolder';

/** What a policy module receives from the permission plugin. */
export interface PolicyExtensionPoint {
  /** Sets the policy every plugin's permissions service applies; one module sets it, once. */
  setPolicy(policy: PermissionPolicy): void;
}

export const policyExtensionPoint = createExtensionPoint<PolicyExtensionPoint>({ id: 'permission.policy' });

/**
 * The permission plugin: collects the policy from a module (`policyExtensionPoint`) and installs it for
 * the permissions service of every plugin of this instance, and serves it on `POST /api/permission/authorize`
 * for instances that run without it (`permission.enabled: true` there). Without a policy module checks allow all.
 */
export const permissionPlugin = createBackendPlugin({
  pluginId: PERMISSION_PLUGIN_ID,
  register(env) {
    let policy: PermissionPolicy | undefined;
    let initialised = false;
    env.registerExtensionPoint(policyExtensionPoint, {
      setPolicy(next) {
        if (initialised) {
          throw new Error(
            `policyExtensionPoint.setPolicy was called after the '${PERMISSION_PLUGIN_ID}' plugin initialised; call it from a module's init`,
          );
        }
        if (!next || typeof next.handle !== 'function') {
          throw new TypeError('policyExtensionPoint.setPolicy needs a policy object with a handle(request, user) method');
        }
        if (policy) {
          throw new Error(
            `A permission policy was already set; only one module may call policyExtensionPoint.setPolicy (combine the policies into one)`,
          );
        }
        policy = next;
      },
    });
    env.registerInit({
      deps: {
        holder: permissionPolicyHolderServiceRef,
        logger: coreServices.logger,
        router: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ holder, logger, router, httpAuth }) {
        initialised = true;
        holder.install(policy);
        router.use(createAuthorizeRouter({ httpAuth, getPolicy: () => policy }));
        router.addAuthPolicy({ path: '/authorize', allow: 'unauthenticated' });
        logger.info(policy ? 'Permission policy installed' : 'No permission policy module installed; permission checks allow all');
      },
    });
  },
});
