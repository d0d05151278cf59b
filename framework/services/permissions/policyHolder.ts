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
   * Where decisions come from: `none` (no permission plugin here: allow all, or another instance), `policy`
   * (Forklift's permission plugin installed one, or none for allow-all), or `endpoint` (a permission plugin that
   * is not Forklift's, e.g. Backstage's, runs here and answers on its `/authorize` route). When the permission
   * plugin is installed but startup has not finished, waits, so no check slips through as allow-all meanwhile.
   */
  getSource(): Promise<PolicySource>;
  /** Whether this backend instance runs a permission plugin. */
  hasPermissionPlugin(): Promise<boolean>;
}

export type PolicySource = { kind: 'none' } | { kind: 'policy'; policy: PermissionPolicy | undefined } | { kind: 'endpoint' };

export const permissionPolicyHolderServiceRef: ServiceRef<PermissionPolicyHolder, 'root', 'singleton'> =
  createServiceRef<PermissionPolicyHolder>({
    id: 'permission.policyHolder',
    scope: 'root',
    defaultFactory: async (): Promise<ServiceFactory> => permissionPolicyHolderServiceFactory,
  });

export const permissionPolicyHolderServiceFactory: ServiceFactory<PermissionPolicyHolder, 'root'> = createServiceFactory({
  service: permissionPolicyHolderServiceRef,
  deps: { instanceMetadata: coreServices.rootInstanceMetadata, rootLifecycle: coreServices.rootLifecycle },
  factory({ instanceMetadata, rootLifecycle }): PermissionPolicyHolder {
    let installed: PolicySource | undefined;
    let settle!: (value: PolicySource) => void;
    const whenInstalled = new Promise<PolicySource>((resolve) => (settle = resolve));
    rootLifecycle.addStartupHook(() => {
      // Startup finished and nobody installed a policy: the permission plugin here is not Forklift's (Backstage's
      // reads its policy module itself), so decisions are asked of its /authorize route. Should Forklift's own
      // plugin have failed instead, that route is not mounted and checks fail rather than pass.
      // Only callers that found a permission plugin installed wait on this.
      if (!installed) settle({ kind: 'endpoint' });
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
        settle((installed = { kind: 'policy', policy }));
      },
      async getSource() {
        if (installed) {
          return installed;
        }
        if (!(await hasPermissionPlugin())) {
          return { kind: 'none' };
        }
        return whenInstalled;
      },
      hasPermissionPlugin,
    };
  },
});
