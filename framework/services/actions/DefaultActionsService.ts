import type {
  ActionsService,
  ActionsServiceAction,
  AuthService,
  BackstageCredentials,
  Config,
  DiscoveryService,
  JsonObject,
  JsonValue,
  LoggerService,
} from '../../api';
import { ACTIONS_BASE } from '../actionsRegistry/createActionsRouter';
import { filterActions } from '../actionsRegistry/actionFilters';
import { ResponseError } from './ResponseError';

export interface DefaultActionsServiceOptions {
  discovery: DiscoveryService;
  config: Config;
  logger: LoggerService;
  auth: AuthService;
}

/**
 * Lists and invokes other plugins' actions over their actions routes, with a plugin-to-plugin token on behalf of
 * the caller's credentials. The plugins listed are those in `backend.actions.pluginSources`; a plugin that cannot
 * be listed is logged and left out, so one broken source does not hide the others.
 */
export class DefaultActionsService implements ActionsService {
  readonly #options: DefaultActionsServiceOptions;

  constructor(options: DefaultActionsServiceOptions) {
    this.#options = options;
  }

  async list({ credentials }: { credentials: BackstageCredentials }): Promise<{ actions: ActionsServiceAction[] }> {
    const { config, logger } = this.#options;
    const sources = config.getOptionalStringArray('backend.actions.pluginSources') ?? [];
    const lists = await Promise.all(
      sources.map(async (pluginId) => {
        try {
          const response = await this.#request(pluginId, `${ACTIONS_BASE}/v1/actions`, credentials);
          if (!response.ok) throw await ResponseError.fromResponse(response, `listing the actions of plugin '${pluginId}'`);
          return ((await response.json()) as { actions: ActionsServiceAction[] }).actions;
        } catch (error) {
          logger.warn(`Failed to fetch actions from ${pluginId}`, error as Error);
          return [];
        }
      }),
    );
    return { actions: filterActions(config, lists.flat()) };
  }

  async invoke(opts: {
    id: string;
    input?: JsonObject;
    secrets?: JsonObject;
    credentials: BackstageCredentials;
  }): Promise<{ output: JsonValue }> {
    const separator = opts.id.indexOf(':');
    if (separator === -1) throw new TypeError(`Invalid action id '${opts.id}': action ids are '<pluginId>:<name>'`);
    const pluginId = opts.id.slice(0, separator);
    // Secrets only travel in the v2 body ({ input, secrets }); v1 takes the input as the whole body.
    const version = opts.secrets ? 'v2' : 'v1';
    const body = version === 'v2' ? { input: opts.input, secrets: opts.secrets } : opts.input;
    const response = await this.#request(
      pluginId,
      `${ACTIONS_BASE}/${version}/actions/${encodeURIComponent(opts.id)}/invoke`,
      opts.credentials,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response, `invoking action '${opts.id}'`);
    const { output } = (await response.json()) as { output: JsonValue };
    return { output };
  }

  async #request(pluginId: string, path: string, credentials: BackstageCredentials, init: RequestInit = {}): Promise<Response> {
    const { discovery, auth } = this.#options;
    const baseUrl = await discovery.getBaseUrl(pluginId);
    const { token } = await auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: pluginId });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    });
  }
}
