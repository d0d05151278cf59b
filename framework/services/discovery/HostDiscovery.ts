import type { Config, DiscoveryService } from '../../api';
import { fillTarget, readEndpoints, type DiscoveryEndpoint } from './endpoints';
import { listenBaseUrl } from './listenAddress';

const API_PATH = '/api';

/**
 * Discovery from configuration: `discovery.endpoints` for plugins deployed elsewhere, otherwise this
 * backend's own address (`backend.baseUrl`, or the `backend.listen` address when no base URL is set)
 * followed by `/api/<pluginId>`.
 */
export class HostDiscovery implements DiscoveryService {
  static fromConfig(config: Config): HostDiscovery {
    const baseUrl = config.getOptionalString('backend.baseUrl');
    if (baseUrl !== undefined) {
      if (!isHttpUrl(baseUrl)) {
        throw new TypeError(`Invalid backend.baseUrl '${baseUrl}': not an absolute http(s) URL; write it like 'http://localhost:7007'`);
      }
    }
    const ownUrl = (baseUrl ?? listenBaseUrl(config)).replace(/\/+$/, '') + API_PATH;
    return new HostDiscovery(ownUrl, readEndpoints(config));
  }

  private constructor(
    private readonly ownApiUrl: string,
    private readonly endpoints: DiscoveryEndpoint[],
  ) {}

  async getBaseUrl(pluginId: string): Promise<string> {
    return this.resolve(pluginId, 'internal');
  }

  async getExternalBaseUrl(pluginId: string): Promise<string> {
    return this.resolve(pluginId, 'external');
  }

  private resolve(pluginId: string, kind: 'internal' | 'external'): string {
    if (typeof pluginId !== 'string' || pluginId.length === 0) {
      throw new TypeError(`discovery.${kind === 'internal' ? 'getBaseUrl' : 'getExternalBaseUrl'} needs a plugin id, got ${JSON.stringify(pluginId)}`);
    }
    const target = this.endpoints.find(endpoint => endpoint.plugins.includes(pluginId))?.[kind];
    if (target !== undefined) {
      return fillTarget(target, pluginId);
    }
    return `${this.ownApiUrl}/${encodeURIComponent(pluginId)}`;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
