/**
 * Every core service's default factory. `createBackend()` installs all of them; a factory passed to
 * `backend.add()` for the same id replaces the default.
 */
import type { ServiceFactory } from '../api';
import { auditorServiceFactory } from './auditor';
import { discoveryServiceFactory } from './discovery';
import { permissionsServiceFactory } from './permissions';
import { urlReaderServiceFactory } from './urlReader';

export const defaultServiceFactories: ServiceFactory[] = [
  discoveryServiceFactory,
  permissionsServiceFactory,
  urlReaderServiceFactory,
  auditorServiceFactory,
];

export { permissionPlugin, policyExtensionPoint, type PolicyExtensionPoint } from './permissions';
