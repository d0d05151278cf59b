import type { AuthService, DiscoveryService } from '../../api';
import { checkDecision, type PermissionDecider } from './deciders';
import { PERMISSION_PLUGIN_ID } from './policyHolder';
import { messageOf } from '../../wiring';

/** The wire format of the permission plugin's `POST /authorize`. */
export interface AuthorizeWireRequest {
  items: Array<{ id: string; permission: unknown; resourceRef?: string }>;
}
export interface AuthorizeWireResponse {
  items: Array<{ id: string; result: string; pluginId?: string; resourceType?: string; conditions?: unknown }>;
}

/**
 * Decisions from the permission plugin of another instance (a split deployment), found through discovery.
 * The caller's credentials travel as a token for the permission plugin, so its policy sees the same user.
 * Any failure is an error: a check that cannot be answered must not pass.
 */
export function remoteDecider(deps: { discovery: DiscoveryService; auth: AuthService }): PermissionDecider {
  return {
    async decide(requests, credentials) {
      const baseUrl = await deps.discovery.getBaseUrl(PERMISSION_PLUGIN_ID);
      const { token } = await deps.auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: PERMISSION_PLUGIN_ID });
      const body: AuthorizeWireRequest = {
        items: requests.map(({ permission, resourceRef }, index) => ({ id: String(index), permission, resourceRef })),
      };
      const url = `${baseUrl}/authorize`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      } catch (error) {
        throw new Error(
          `Permission check failed: the '${PERMISSION_PLUGIN_ID}' plugin at ${url} could not be reached (${messageOf(error)})`,
        );
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        throw new Error(
          `Permission check failed: the '${PERMISSION_PLUGIN_ID}' plugin at ${url} answered HTTP ${response.status} ${text.slice(0, 200)}`,
        );
      }
      const answer = (await response.json()) as Partial<AuthorizeWireResponse>;
      const byId = new Map((Array.isArray(answer.items) ? answer.items : []).map((item) => [item?.id, item]));
      return requests.map(({ permission }, index) => {
        const item = byId.get(String(index));
        const { id: _id, ...decision } = item ?? ({} as AuthorizeWireResponse['items'][number]);
        return checkDecision(item ? decision : undefined, permission, `The '${PERMISSION_PLUGIN_ID}' plugin at ${url}`);
      });
    },
  };
}
