import { coreServices, createBackendPlugin, createExtensionPoint, type PermissionPolicy } from '../../api';
import { PERMISSION_PLUGIN_ID, permissionPolicyHolderServiceRef } from './policyHolder';

/** What a policy module receives from the permission plugin. */
export interface PolicyExtensionPoint {
  /** Sets the policy every plugin's permissions service applies; one module sets it, once. */
  setPolicy(policy: PermissionPolicy): void;
}

export const policyExtensionPoint = createExtensionPoint<PolicyExtensionPoint>({ id: 'permission.policy' });

/**
 * The permission plugin: collects the policy from a module (`policyExtensionPoint`) and installs it for
 * the permissions service of every plugin. Without a module, or without this plugin, checks allow all.
 */
export const permissionPlugin = createBackendPlugin({
  pluginId: PERMISSION_PLUGIN_ID,
  register(env) {
    let policy: PermissionPolicy | undefined;
    let initialised = false;
    env.registerExtensionPoint(policyExtensionPoint, {
      setPolicy(next) {
        if (initialised) {
          throw new Error(`policyExtensionPoint.setPolicy was called after the '${PERMISSION_PLUGIN_ID}' plugin initialised; call it from a module's init`);
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
      deps: { holder: permissionPolicyHolderServiceRef, logger: coreServices.logger },
      async init({ holder, logger }) {
        initialised = true;
        holder.install(policy);
        logger.info(policy ? 'Permission policy installed' : 'No permission policy module installed; permission checks allow all');
      },
    });
  },
});
