/**
 * What still differs for a carried mount, as manual steps: a URL or env name the bridge cannot keep, a
 * middleware it does not run, a wrapper worth cleaning up. Each note has a `shape`: notes of one shape on
 * several mounts become one TODO listing them, instead of one near-identical TODO per mount.
 */
import type { BackendMount } from '../../analysis';
import type { ImportFamily } from '../shared/importFamily';
import { isAccessGate } from './middleware';
import type { WrapperArgs } from './wrapperArgs';

export interface MountNote {
  /** The message; identical shapes are grouped into one step that lists the plugins and lines. */
  shape: string;
}

export function mountNotes(
  mount: BackendMount,
  family: ImportFamily,
  exportName: string,
  wrapper: WrapperArgs,
  missingEnvFields: readonly string[] = [],
): MountNote[] {
  const notes: MountNote[] = [];
  if (missingEnvFields.length > 0) {
    const list = missingEnvFields.map((f) => `\`${f}\``).join(', ');
    const one = missingEnvFields.length === 1;
    notes.push({
      shape:
        `these plugins read ${list} from their env, which legacyPlugin does not provide (${one ? 'it is' : 'they are'} not carried to the new backend), ` +
        `so ${one ? 'it is' : 'they are'} undefined in them; provide ${one ? 'it' : 'each'} as a service (createServiceRef with a defaultFactory) and add ${one ? 'it' : 'them'} to the env mapping of makeLegacyPlugin`,
    });
  }
  const legacyUrl = legacyUrlOf(mount);
  const newUrl = `/api/${mount.pluginId}`;
  if (legacyUrl !== newUrl) {
    notes.push({
      shape:
        `${mount.pluginId} moves from ${legacyUrl || '/'} to ${newUrl}, because legacyPlugin serves every plugin at /api/<id>; ` +
        `point its callers at the new path, or serve the old path from a module on coreServices.rootHttpRouter`,
    });
  }
  if (mount.envName !== undefined && mount.envName !== mount.pluginId) {
    notes.push({
      shape:
        `the legacy env of ${mount.pluginId} was created as '${mount.envName}' (its database, cache keys and log lines carry that name); ` +
        `legacyPlugin names them '${mount.pluginId}': point backend.database.plugin.${mount.pluginId} at the old database, or move the data`,
    });
  }
  for (const middleware of mount.middleware) {
    if (!isAccessGate(middleware)) {
      notes.push({
        shape: `the legacy index ran \`${middleware}\` in front of these plugins, and legacyPlugin mounts them without it (it only shaped requests, so they are open like the others); run it inside each plugin's own router if its routes relied on it`,
      });
      continue;
    }
    notes.push({
      shape:
        family === 'backstage'
          ? `the legacy index ran \`${middleware}\` in front of these plugins; on the new backend they stay behind its default-deny auth policy instead (callers need a token), so check that every caller \`${middleware}\` let in sends one`
          : `the legacy index ran \`${middleware}\` in front of these plugins, and legacyPlugin mounts them without it: set \`backend.legacy.auth: required\` to put them behind the default-deny auth policy, or run the middleware inside each plugin file`,
    });
  }
  if (!('blocker' in wrapper) && (wrapper.args || exportName !== 'default') && !mount.localFile) {
    notes.push({
      shape:
        'the legacy index built these plugins with a call of its own, and a wrapper makes the same call; ' +
        'move each call into a plugin file under ./plugins (export default async function createPlugin(env)), then use legacyPlugin(id, import(file)) directly',
    });
  } else if (!('blocker' in wrapper) && (wrapper.args || exportName !== 'default')) {
    notes.push({
      shape:
        'these plugin files are called through a wrapper that passes what the legacy index passed (a named export, extra arguments); ' +
        'make each one a default export that takes only its env, then use legacyPlugin(id, import(file)) directly',
    });
  }
  return notes;
}

/** The URL the legacy backend served the mount at: under /api for plugin routers, at the path itself on the service builder. */
function legacyUrlOf(mount: BackendMount): string {
  const path = mount.mountPath.replace(/\/+$/, '');
  return mount.via === 'addRouter' ? path : `/api${path}`;
}
