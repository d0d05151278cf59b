/**
 * Keeps a plugin's routes as open as the bridge kept them once the plugin runs natively. `legacyPlugin`
 * serves a forklifted plugin without credentials while `backend.legacy.auth` is `open` (the default); a
 * native plugin is behind the default-deny policy. `forklift adopt` adds this module next to the native
 * plugin, so switching a plugin from the bridge to its native form changes no answer: the same switch
 * governs both, and the startup warning still names the plugin. Delete the line once its callers send tokens.
 */
import { coreServices, createBackendModule } from '../../framework/api';
import { legacyOpenPluginsReportRef, readLegacyAuthMode } from './legacyAuthPolicy';

export function legacyAuthModule(pluginId: string) {
  return createBackendModule({
    pluginId,
    moduleId: 'legacy-auth',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter, config: coreServices.rootConfig, openPlugins: legacyOpenPluginsReportRef },
        async init({ httpRouter, config, openPlugins }) {
          if (readLegacyAuthMode(config) !== 'open') return;
          httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
          openPlugins.add(pluginId);
        },
      });
    },
  });
}
