/** `forklift/framework/testing`: test backends, service doubles and a service factory tester. */
export { startTestBackend, stopAllTestBackends, type StartTestBackendOptions, type TestBackend } from './startTestBackend';
export { mockServices, MockLogger, createServiceMock, type MockLogEntry, type MockLogLevel, type ServiceMock } from './mockServices';
export { mockCredentials } from './mockServices';
export { ServiceFactoryTester, type ServiceFactoryTesterOptions } from './ServiceFactoryTester';
export { TEST_CONFIG } from './testServiceFactories';
