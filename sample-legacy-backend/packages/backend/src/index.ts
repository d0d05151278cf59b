/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { Router } from 'express';
import {
  createServiceBuilder,
  loadBackendConfig,
  getRootLogger,
  useHotMemoize,
  notFoundHandler,
  CacheManager,
  DatabaseManager,
  HostDiscovery,
  UrlReaders,
  ServerTokenManager,
  TaskScheduler,
  DefaultIdentityClient,
  ServerPermissionClient,
  Config,
} from 'forklift/legacy-bridge';
import healthcheck from './plugins/healthcheck';
import todo from './plugins/todo';
import settings from './plugins/settings';
import heartbeat from './plugins/heartbeat';
import catalog from './plugins/catalog';
import reports from './plugins/reports';
import { PluginEnvironment } from './types';

function makeCreateEnv(config: Config) {
  const root = getRootLogger();
  const reader = UrlReaders.default({ logger: root, config });
  const discovery = HostDiscovery.fromConfig(config);
  const cacheManager = CacheManager.fromConfig(config);
  const databaseManager = DatabaseManager.fromConfig(config, { logger: root });
  const tokenManager = ServerTokenManager.noop();
  const taskScheduler = TaskScheduler.fromConfig(config, { databaseManager });
  const identity = DefaultIdentityClient.create({
    discovery,
    issuer: 'http://localhost:7007/api/auth',
  });
  const permissions = ServerPermissionClient.fromConfig(config, {
    discovery,
    tokenManager,
  });

  root.info(`Created UrlReader ${reader}`);

  return (plugin: string): PluginEnvironment => {
    const logger = root.child({ type: 'plugin', plugin });
    const database = databaseManager.forPlugin(plugin);
    const cache = cacheManager.forPlugin(plugin);
    const scheduler = taskScheduler.forPlugin(plugin);
    return {
      logger,
      database,
      cache,
      config,
      reader,
      discovery,
      tokenManager,
      scheduler,
      permissions,
      identity,
    };
  };
}

async function main() {
  const config = await loadBackendConfig({
    argv: process.argv,
    logger: getRootLogger(),
  });
  const createEnv = makeCreateEnv(config);

  const healthcheckEnv = useHotMemoize(module, () => createEnv('healthcheck'));
  const todoEnv = useHotMemoize(module, () => createEnv('todo'));
  const settingsEnv = useHotMemoize(module, () => createEnv('app-settings'));
  const heartbeatEnv = useHotMemoize(module, () => createEnv('heartbeat'));
  const catalogEnv = useHotMemoize(module, () => createEnv('catalog'));
  const reportsEnv = useHotMemoize(module, () => createEnv('reports'));

  const apiRouter = Router();
  apiRouter.use('/todo', await todo(todoEnv));
  apiRouter.use('/settings', await settings(settingsEnv));
  apiRouter.use('/heartbeat', await heartbeat(heartbeatEnv));
  apiRouter.use('/catalog', await catalog(catalogEnv));
  apiRouter.use('/reports', await reports(reportsEnv));

  // Add backends ABOVE this line; this 404 handler is the catch-all fallback
  apiRouter.use(notFoundHandler());

  const service = createServiceBuilder(module)
    .loadConfig(config)
    .addRouter('', await healthcheck(healthcheckEnv))
    .addRouter('/api', apiRouter);

  await service.start().catch(err => {
    console.log(err);
    process.exit(1);
  });
}

module.hot?.accept();
main().catch(error => {
  console.error('Backend failed to start up', error);
  process.exit(1);
});
