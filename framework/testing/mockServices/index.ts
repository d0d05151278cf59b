/**
 * Test doubles for the core services. Each entry is called for an instance, has `.factory(options)` for a
 * backend or tester, and `.mock(partial)` for jest mock functions. Add one line per service.
 */
import { mockLifecycle, mockRootLifecycle } from './lifecycles';
import { mockLogger, mockRootLogger } from './loggers';
import { mockRootConfig } from './rootConfig';
import { mockAuth } from './mockAuth';
import { mockHttpAuth } from './mockHttpAuth';
import { mockUserInfo } from './mockUserInfo';

export const mockServices = {
  rootConfig: mockRootConfig,
  rootLogger: mockRootLogger,
  logger: mockLogger,
  rootLifecycle: mockRootLifecycle,
  lifecycle: mockLifecycle,
  auth: mockAuth,
  httpAuth: mockHttpAuth,
  userInfo: mockUserInfo,
};

export { MockLogger, type MockLogEntry, type MockLogLevel } from './MockLogger';
export { createServiceMock, type ServiceMock } from './createServiceMock';
export { mockCredentials } from './mockCredentials';
