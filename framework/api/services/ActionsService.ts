import type { BackstageCredentials } from './AuthService';
import type { JsonObject, JsonValue } from './ConfigService';

/** One action as a plugin's actions registry lists it: schemas are JSON Schema (draft-07). */
export type ActionsServiceAction = {
  id: string;
  pluginId: string;
  name: string;
  title: string;
  description: string;
  schema: { input: JsonObject; output: JsonObject; secrets?: JsonObject };
  examples?: Array<{ title: string; description?: string; input: JsonObject; output?: JsonObject }>;
  attributes: { readOnly: boolean; destructive: boolean; idempotent: boolean };
};

/**
 * Lists and invokes the actions other plugins register (Backstage's `alpha.core.actions`): over HTTP, through
 * discovery, on behalf of the given credentials. Lists the plugins named in `backend.actions.pluginSources`.
 */
export interface ActionsService {
  list(opts: { credentials: BackstageCredentials }): Promise<{ actions: ActionsServiceAction[] }>;
  invoke(opts: { id: string; input?: JsonObject; secrets?: JsonObject; credentials: BackstageCredentials }): Promise<{ output: JsonValue }>;
}
