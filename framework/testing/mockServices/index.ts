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
import { mockDiscovery } from './discovery';
import { mockPermissions } from './permissions';
import { mockUrlReader } from './urlReader';
import { mockAuditor } from './auditor';

/** Spelled out so the declaration build can name every member (they are functions with properties). */
export interface MockServices {
  rootConfig: typeof mockRootConfig;
  rootLogger: typeof mockRootLogger;
  logger: typeof mockLogger;
  rootLifecycle: typeof mockRootLifecycle;
  lifecycle: typeof mockLifecycle;
  auth: typeof mockAuth;
  httpAuth: typeof mockHttpAuth;
  userInfo: typeof mockUserInfo;
  discovery: typeof mockDiscovery;
  permissions: typeof mockPermissions;
  urlReader: typeof mockUrlReader;
  auditor: typeof mockAuditor;
}

export const mockServices: MockServices = {
  rootConfig: mockRootConfig,
  rootLogger: mockRootLogger,
  logger: mockLogger,
  rootLifecycle: mockRootLifecycle,
  lifecycle: mockLifecycle,
  auth: mockAuth,
  httpAuth: mockHttpAuth,
  userInfo: mockUserInfo,
  discovery: mockDiscovery,
  permissions: mockPermissions,
  urlReader: mockUrlReader,
  auditor: mockAuditor,
};

export { MockLogger, type MockLogEntry, type MockLogLevel } from './MockLogger';
export { createServiceMock, type ServiceMock } from './createServiceMock';
export { mockCredentials } from './mockCredentials';
export { MockAuditor, type MockAuditRecord } from './auditor';
