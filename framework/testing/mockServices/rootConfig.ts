import { coreServices, createServiceFactory } from '../../api';
import type { JsonObject, RootConfigService } from '../../api';
import { ConfigReader } from '../../services/rootConfig';
import { createServiceMock } from './createServiceMock';

export interface MockRootConfigOptions {
  data?: JsonObject;
}

/** A root config reading exactly `data` (no files, no environment). */
function rootConfig(options: MockRootConfigOptions = {}): RootConfigService {
  return new ConfigReader(options.data ?? {}, 'mock-config');
}

rootConfig.factory = (options: MockRootConfigOptions = {}) =>
  createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => rootConfig(options) });

rootConfig.mock = createServiceMock<RootConfigService>(coreServices.rootConfig, [
  'has',
  'keys',
  'get',
  'getOptional',
  'getConfig',
  'getOptionalConfig',
  'getConfigArray',
  'getOptionalConfigArray',
  'getNumber',
  'getOptionalNumber',
  'getBoolean',
  'getOptionalBoolean',
  'getString',
  'getOptionalString',
  'getStringArray',
  'getOptionalStringArray',
]);

export const mockRootConfig = rootConfig;
