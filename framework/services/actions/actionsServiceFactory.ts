import { alphaServices, coreServices, createServiceFactory } from '../../api';
import { DefaultActionsService } from './DefaultActionsService';

/** `alpha.core.actions`: a plugin's client for the actions other plugins register. */
export const actionsServiceFactory = createServiceFactory({
  service: alphaServices.actions,
  deps: { discovery: coreServices.discovery, config: coreServices.rootConfig, logger: coreServices.logger, auth: coreServices.auth },
  factory: (deps) => new DefaultActionsService(deps),
});
