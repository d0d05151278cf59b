/**
 * Old backends had no authentication on plugin routes, so a forklifted plugin stays open by default and the
 * backend says so once at startup. `backend.legacy.auth: required` puts legacy plugins behind the same
 * default-deny policy as native ones.
 */
import { coreServices, createServiceFactory, createServiceRef } from '../../framework/api';
import type { Config } from '../../framework/api';

export type LegacyAuthMode = 'open' | 'required';

export function readLegacyAuthMode(config: Config): LegacyAuthMode {
  const value = config.getOptionalString('backend.legacy.auth') ?? 'open';
  if (value !== 'open' && value !== 'required') {
    throw new Error(`Invalid backend.legacy.auth '${value}': use 'open' (default, legacy routes need no credentials) or 'required'`);
  }
  return value;
}

export interface LegacyOpenPluginsReport {
  add(pluginId: string): void;
}

export const legacyOpenPluginsReportRef = createServiceRef<LegacyOpenPluginsReport>({
  id: 'forklift.legacy.openPluginsReport',
  scope: 'root',
  defaultFactory: (service) =>
    createServiceFactory({
      service,
      deps: { rootLogger: coreServices.rootLogger, rootLifecycle: coreServices.rootLifecycle },
      factory: ({ rootLogger, rootLifecycle }) => {
        const open: string[] = [];
        rootLifecycle.addStartupHook(() => {
          if (open.length > 0) {
            rootLogger.warn(
              `Legacy plugins accept unauthenticated requests: ${open.sort().join(', ')}. ` +
                `Set backend.legacy.auth: required to put them behind authentication once their callers send tokens.`,
            );
          }
        });
        return { add: (pluginId) => void open.push(pluginId) };
      },
    }),
});
