import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type PermissionPolicy,
  type ServiceFactory,
  type ServiceRef,
} from '../../api';

/** The permission plugin's id; the holder waits for this plugin when it is installed. */
export const PERMISSION_PLUGIN_ID = 'permission';

/**
 * Where the permission plugin leaves the policy its modules supplied, for the permissions service of every
 * plugin to read. A root service because services are made before plugins initialise: the service cannot
 * receive the policy at construction, so it asks the holder at call time.
 */
export interface PermissionPolicyHolder {
  /** Called once by the permission plugin at its init; `undefined` means no module set a policy (allow all). */
  install(policy: PermissionPolicy | undefined): void;
  /**
   * The policy to apply, or undefined for allow-all. When the permission plugin is installed but has not
   * initialised yet, waits for it, so no check slips through as allow-all during startup.
   */
  getPolicy(): Promise<PermissionPolicy | undefined>;
  /** Whether this backend instance runs the permission plugin. */
  hasPermissionPlugin(): Promise<boolean>;
}

export const permissionPolicyHolderServiceRef: ServiceRef<PermissionPolicyHolder, 'root', 'singleton'> =
  createServiceRef<PermissionPolicyHolder>({
    id: 'permission.policyHolder',
    scope: 'root',
    defaultFactory: async (): Promise<ServiceFactory> => permissionPolicyHolderServiceFactory,
  });

type Installed = { policy: PermissionPolicy | undefined };

export const permissionPolicyHolderServiceFactory: ServiceFactory<PermissionPolicyHolder, 'root'> = createServiceFactory({
  service: permissionPolicyHolderServiceRef,
  deps: { instanceMetadata: coreServices.rootInstanceMetadata, rootLifecycle: coreServices.rootLifecycle },
  factory({ instanceMetadata, rootLifecycle }): PermissionPolicyHolder {
    let installed: Installed | undefined;
    let settle!: { resolve(value: Installed): void; reject(error: Error): void };
    const whenInstalled = new Promise<Installed>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Without this, a caller awaiting a plugin that failed to start would wait forever.
    whenInstalled.catch(() => {});
    rootLifecycle.addStartupHook(() => {
      if (!installed) {
        settle.reject(
          new Error(
            `The '${PERMISSION_PLUGIN_ID}' plugin is installed but did not install a permission policy during startup ` +
              `(its init failed?); permission checks are refused until it starts`,
          ),
        );
      }
    });

    const hasPermissionPlugin = async () => {
      if (installed) {
        return true;
      }
      const plugins = await instanceMetadata.getInstalledPlugins();
      return plugins.some((plugin) => plugin.pluginId === PERMISSION_PLUGIN_ID);
    };

    return {
      install(policy) {
        if (installed) {
          throw new Error(`A permission policy was already installed; the '${PERMISSION_PLUGIN_ID}' plugin installs it once`);
        }
        installed = { policy };
        settle.resolve(installed);
      },
      async getPolicy() {
        if (installed) {
          return installed.policy;
        }
        if (!(await hasPermissionPlugin())) {
          return undefined;
        }
        return (await whenInstalled).policy;
      },
      hasPermissionPlugin,
    };
  },
});
