import { coreServices, createServiceFactory } from '../../api';
import type { DiscoveryService, JsonObject } from '../../api';
import { HostDiscovery } from '../../services/discovery';
import { ConfigReader } from '../../services/rootConfig';
import { createServiceMock } from './createServiceMock';

export interface MockDiscoveryOptions {
  /** Defaults to `http://localhost:0`, so a test that really calls a URL it did not set up fails fast. */
  baseUrl?: string;
  /** As `discovery.endpoints` in config. */
  endpoints?: JsonObject[];
}

/** Real discovery over the given base URL and endpoints instead of the backend's config. */
function discovery(options: MockDiscoveryOptions = {}): DiscoveryService {
  return HostDiscovery.fromConfig(
    new ConfigReader(
      { backend: { baseUrl: options.baseUrl ?? 'http://localhost:0' }, discovery: { endpoints: options.endpoints ?? [] } },
      'mockServices.discovery',
    ),
  );
}
discovery.factory = (options: MockDiscoveryOptions = {}) => {
  const instance = discovery(options);
  return createServiceFactory({ service: coreServices.discovery, deps: {}, factory: () => instance });
};
discovery.mock = createServiceMock<DiscoveryService>(coreServices.discovery, ['getBaseUrl', 'getExternalBaseUrl']);

export const mockDiscovery = discovery;
