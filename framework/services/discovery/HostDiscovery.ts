import type { Config, DiscoveryService, LoggerService, RootConfigService } from '../../api';
import { fillTarget, readEndpoints, type DiscoveryEndpoint } from './endpoints';
import { listenBaseUrl } from './listenAddress';
import { messageOf } from '../../wiring';

const API_PATH = '/api';

interface Targets {
  ownApiUrl: string;
  endpoints: DiscoveryEndpoint[];
}

/**
 * Discovery from configuration: `discovery.endpoints` for plugins deployed elsewhere, otherwise this
 * backend's own address (`backend.baseUrl`, or the `backend.listen` address when no base URL is set)
 * followed by `/api/<pluginId>`. When the config can change (`subscribe`), the targets follow it; a
 * changed config that is invalid is logged and the last valid targets stay in use.
 */
export class HostDiscovery implements DiscoveryService {
  static fromConfig(config: RootConfigService | Config, options: { logger?: LoggerService } = {}): HostDiscovery {
    const discovery = new HostDiscovery(readTargets(config));
    const subscribe = (config as RootConfigService).subscribe;
    if (typeof subscribe === 'function') {
      subscribe.call(config, () => {
        try {
          discovery.#targets = readTargets(config);
        } catch (error) {
          options.logger?.error(`Discovery kept its previous targets: the changed config is invalid: ${messageOf(error)}`);
        }
      });
    }
    return discovery;
  }

  #targets: Targets;

  private constructor(targets: Targets) {
    this.#targets = targets;
  }

  async getBaseUrl(pluginId: string): Promise<string> {
    return this.#resolve(pluginId, 'internal');
  }

  async getExternalBaseUrl(pluginId: string): Promise<string> {
    return this.#resolve(pluginId, 'external');
  }

  #resolve(pluginId: string, kind: 'internal' | 'external'): string {
    if (typeof pluginId !== 'string' || pluginId.length === 0) {
      throw new TypeError(
        `discovery.${kind === 'internal' ? 'getBaseUrl' : 'getExternalBaseUrl'} needs a plugin id, got ${JSON.stringify(pluginId)}`,
      );
    }
    const { endpoints, ownApiUrl } = this.#targets;
    const target = endpoints.find((endpoint) => endpoint.plugins.includes(pluginId))?.[kind];
    if (target !== undefined) {
      return fillTarget(target, pluginId);
    }
    return `${ownApiUrl}/${encodeURIComponent(pluginId)}`;
  }
}

function readTargets(config: Config): Targets {
  const baseUrl = config.getOptionalString('backend.baseUrl');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    throw new TypeError(`Invalid backend.baseUrl '${baseUrl}': not an absolute http(s) URL; write it like 'http://localhost:7007'`);
  }
  const ownApiUrl = (baseUrl ?? listenBaseUrl(config)).replace(/\/+$/, '') + API_PATH;
  return { ownApiUrl, endpoints: readEndpoints(config) };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
