/** Where other plugins' APIs live, inside the deployment and for outside callers. */
export interface DiscoveryService {
  /** Base URL for calls from other backends, e.g. `http://localhost:7007/api/catalog`. */
  getBaseUrl(pluginId: string): Promise<string>;
  /** Base URL for calls from outside (browsers). */
  getExternalBaseUrl(pluginId: string): Promise<string>;
}
