import { coreServices, createServiceFactory } from '../../api';
import { LoggerAuditorService } from './LoggerAuditorService';
import { readSeverityLogLevels } from './severityLevels';

export const auditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    httpAuth: coreServices.httpAuth,
    pluginMetadata: coreServices.pluginMetadata,
  },
  createRootContext({ config }) {
    return readSeverityLogLevels(config);
  },
  factory({ logger, httpAuth, pluginMetadata }, levels) {
    return new LoggerAuditorService({ pluginId: pluginMetadata.getId(), logger, httpAuth, levels });
  },
});
