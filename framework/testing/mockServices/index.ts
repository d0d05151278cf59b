/**
 * Test doubles for the core services. Each entry is called for an instance, has `.factory(options)` for a
 * backend or tester, and `.mock(partial)` for jest mock functions. Add one line per service.
 */
import { mockLifecycle, mockRootLifecycle } from './lifecycles';
import { mockLogger, mockRootLogger } from './loggers';
import { mockRootConfig } from './rootConfig';

export const mockServices = {
  rootConfig: mockRootConfig,
  rootLogger: mockRootLogger,
  logger: mockLogger,
  rootLifecycle: mockRootLifecycle,
  lifecycle: mockLifecycle,
};

export { MockLogger, type MockLogEntry, type MockLogLevel } from './MockLogger';
export { createServiceMock, type ServiceMock } from './createServiceMock';
