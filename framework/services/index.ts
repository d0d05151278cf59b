/**
 * Every core service's default factory. `createBackend()` installs all of them; a factory passed to
 * `backend.add()` for the same id replaces the default.
 */
import type { ServiceFactory } from '../api';
import { auditorServiceFactory } from './auditor';
import { discoveryServiceFactory } from './discovery';
import { loggerServiceFactory } from './logger';
import { permissionsServiceFactory } from './permissions';
import { rootConfigServiceFactory } from './rootConfig';
import { rootLoggerServiceFactory } from './rootLogger';
import { rootLifecycleServiceFactory } from './rootLifecycle';
import { lifecycleServiceFactory } from './lifecycle';
import { rootInstanceMetadataServiceFactory } from './rootInstanceMetadata';
import { urlReaderServiceFactory } from './urlReader';
import { rootHttpRouterServiceFactory } from './rootHttpRouter';
import { httpRouterServiceFactory } from './httpRouter';
import { rootHealthServiceFactory } from './rootHealth';
import { authServiceFactory } from './auth';
import { httpAuthServiceFactory } from './httpAuth';
import { userInfoServiceFactory } from './userInfo';
import { databaseServiceFactory } from './database';
import { cacheServiceFactory } from './cache';
import { schedulerServiceFactory } from './scheduler';
import { permissionsRegistryServiceFactory } from './permissionsRegistry';
import { eventsServiceFactory } from './events';
import { actionsRegistryServiceFactory } from './actionsRegistry';
import { actionsServiceFactory } from './actions';
import { metricsServiceFactory } from './metrics';
import { rootSystemMetadataServiceFactory } from './rootSystemMetadata';

export const defaultServiceFactories: ServiceFactory[] = [
  rootConfigServiceFactory,
  rootLoggerServiceFactory,
  loggerServiceFactory,
  rootLifecycleServiceFactory,
  lifecycleServiceFactory,
  rootInstanceMetadataServiceFactory,
  discoveryServiceFactory,
  permissionsServiceFactory,
  urlReaderServiceFactory,
  auditorServiceFactory,
  rootHttpRouterServiceFactory,
  httpRouterServiceFactory,
  rootHealthServiceFactory,
  authServiceFactory,
  httpAuthServiceFactory,
  userInfoServiceFactory,
  databaseServiceFactory,
  cacheServiceFactory,
  schedulerServiceFactory,
  permissionsRegistryServiceFactory,
  eventsServiceFactory,
  actionsRegistryServiceFactory,
  actionsServiceFactory,
  metricsServiceFactory,
  rootSystemMetadataServiceFactory,
];

export { permissionPlugin, policyExtensionPoint, type PolicyExtensionPoint } from './permissions';
export {
  createRootHttpRouterServiceFactory,
  rootHttpRouterServiceFactory,
  type RootHttpRouterConfigureContext,
  type RootHttpRouterOptions,
} from './rootHttpRouter';
export { httpRouterServiceFactory } from './httpRouter';
export { rootHealthServiceFactory } from './rootHealth';
export { authServiceFactory, issueUserToken, type IssueUserTokenOptions } from './auth';
export { httpAuthServiceFactory } from './httpAuth';
export { userInfoServiceFactory } from './userInfo';
