/**
 * Writes a legacy monorepo for the codemod benchmark: N plugin packages in the `createRouter(options)`
 * style (about nine files each: entry, router, store, tests, standalone server, manifest, README) and a
 * backend whose index mounts every one of them through a local plugin file.
 */
const fs = require('fs');
const path = require('path');

function write(root, rel, text) {
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

function pluginFiles(i) {
  const id = `svc${i}`;
  const pkg = `@bench/plugin-${id}-backend`;
  const Store = `Svc${i}Store`;
  return {
    'package.json': `${JSON.stringify({ name: pkg, version: '0.1.0', main: 'src/index.ts', types: 'src/index.ts', backstage: { role: 'backend-plugin' } }, null, 2)}\n`,
    'README.md': `# ${pkg}\n\nServes \`/api/${id}\`.\n`,
    '.eslintrc.js': "module.exports = require('@backstage/cli/config/eslint-factory')(__dirname);\n",
    'src/index.ts': "export * from './service/router';\n",
    'src/setupTests.ts': 'export {};\n',
    'src/run.ts': `import { getRootLogger } from '@backstage/backend-common';\nimport { startStandaloneServer } from './service/standaloneServer';\n\nconst port = process.env.PLUGIN_PORT ? Number(process.env.PLUGIN_PORT) : 7007;\nconst logger = getRootLogger();\n\nstartStandaloneServer({ port, logger }).catch(err => {\n  logger.error(err);\n  process.exit(1);\n});\n`,
    'src/service/store.ts': `export interface Item {\n  id: number;\n  title: string;\n}\n\nexport class ${Store} {\n  private readonly items = new Map<number, Item>();\n\n  list(): Item[] {\n    return [...this.items.values()];\n  }\n\n  add(title: string): Item {\n    const item = { id: this.items.size + 1, title };\n    this.items.set(item.id, item);\n    return item;\n  }\n}\n`,
    'src/service/router.ts': `import { errorHandler, PluginDatabaseManager } from '@backstage/backend-common';\nimport { Config } from '@backstage/config';\nimport express from 'express';\nimport Router from 'express-promise-router';\nimport { Logger } from 'winston';\nimport { ${Store} } from './store';\n\nexport interface RouterOptions {\n  logger: Logger;\n  config: Config;\n  database: PluginDatabaseManager;\n}\n\nexport async function createRouter(\n  options: RouterOptions,\n): Promise<express.Router> {\n  const { logger, config } = options;\n  const store = new ${Store}();\n  const greeting = config.getOptionalString('${id}.greeting') ?? 'hello';\n\n  const router = Router();\n  router.use(express.json());\n\n  router.get('/health', (_, response) => {\n    response.json({ status: 'ok' });\n  });\n\n  router.get('/items', async (_req, res) => {\n    res.json({ greeting, items: store.list() });\n  });\n\n  router.post('/items', async (req, res) => {\n    const item = store.add(String(req.body?.title ?? ''));\n    logger.info(\`Created item \${item.id}\`);\n    res.status(201).json(item);\n  });\n\n  router.use(errorHandler());\n  return router;\n}\n`,
    'src/service/router.test.ts': `import { getVoidLogger } from '@backstage/backend-common';\nimport { ConfigReader } from '@backstage/config';\nimport express from 'express';\nimport request from 'supertest';\nimport { createRouter } from './router';\n\ndescribe('createRouter', () => {\n  let app: express.Express;\n\n  beforeAll(async () => {\n    const router = await createRouter({\n      logger: getVoidLogger(),\n      config: new ConfigReader({}),\n      database: { getClient: async () => ({}) } as any,\n    });\n    app = express().use(router);\n  });\n\n  it('answers health checks', async () => {\n    const response = await request(app).get('/health');\n    expect(response.status).toEqual(200);\n  });\n});\n`,
    'src/service/standaloneServer.ts': `import { createServiceBuilder } from '@backstage/backend-common';\nimport { ConfigReader } from '@backstage/config';\nimport { Server } from 'http';\nimport { Logger } from 'winston';\nimport { createRouter } from './router';\n\nexport interface ServerOptions {\n  port: number;\n  logger: Logger;\n}\n\nexport async function startStandaloneServer(options: ServerOptions): Promise<Server> {\n  const logger = options.logger.child({ service: '${id}-backend' });\n  const router = await createRouter({\n    logger,\n    config: new ConfigReader({}),\n    database: { getClient: async () => ({}) } as any,\n  });\n  const service = createServiceBuilder(module)\n    .setPort(options.port)\n    .addRouter('/${id}', router);\n  return await service.start();\n}\n\nmodule.hot?.accept();\n`,
  };
}

function backendIndex(count) {
  const imports = [];
  const envs = [];
  const mounts = [];
  for (let i = 0; i < count; i += 1) {
    imports.push(`import svc${i} from './plugins/svc${i}';`);
    envs.push(`  const svc${i}Env = useHotMemoize(module, () => createEnv('svc${i}'));`);
    mounts.push(`  apiRouter.use('/svc${i}', await svc${i}(svc${i}Env));`);
  }
  return `import Router from 'express-promise-router';
import {
  createServiceBuilder,
  loadBackendConfig,
  getRootLogger,
  useHotMemoize,
  notFoundHandler,
  DatabaseManager,
  HostDiscovery,
  ServerTokenManager,
} from '@backstage/backend-common';
import { Config } from '@backstage/config';
${imports.join('\n')}
import { PluginEnvironment } from './types';

function makeCreateEnv(config: Config) {
  const root = getRootLogger();
  const discovery = HostDiscovery.fromConfig(config);
  const databaseManager = DatabaseManager.fromConfig(config, { logger: root });
  const tokenManager = ServerTokenManager.noop();

  return (plugin: string): PluginEnvironment => {
    const logger = root.child({ type: 'plugin', plugin });
    const database = databaseManager.forPlugin(plugin);
    return { logger, database, config, discovery, tokenManager };
  };
}

async function main() {
  const config = await loadBackendConfig({
    argv: process.argv,
    logger: getRootLogger(),
  });
  const createEnv = makeCreateEnv(config);

${envs.join('\n')}

  const apiRouter = Router();
${mounts.join('\n')}
  apiRouter.use(notFoundHandler());

  const service = createServiceBuilder(module)
    .loadConfig(config)
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
`;
}

/** Writes the monorepo into `root` (which must be empty or missing); returns the number of files written. */
function generateMonorepo(root, count) {
  let files = 0;
  const put = (rel, text) => {
    write(root, rel, text);
    files += 1;
  };
  put('package.json', `${JSON.stringify({ name: 'bench-root', private: true, workspaces: ['packages/*', 'plugins/*'] }, null, 2)}\n`);
  put('.gitignore', 'node_modules/\ndist/\n');
  put(
    'packages/backend/package.json',
    `${JSON.stringify({ name: 'backend', version: '0.0.0', main: 'dist/index.cjs.js', types: 'src/index.ts', backstage: { role: 'backend' } }, null, 2)}\n`,
  );
  put(
    'packages/backend/src/types.ts',
    "import { Logger } from 'winston';\nimport { Config } from '@backstage/config';\nimport { PluginDatabaseManager, PluginEndpointDiscovery, TokenManager } from '@backstage/backend-common';\n\nexport type PluginEnvironment = {\n  logger: Logger;\n  database: PluginDatabaseManager;\n  config: Config;\n  discovery: PluginEndpointDiscovery;\n  tokenManager: TokenManager;\n};\n",
  );
  put('packages/backend/src/index.ts', backendIndex(count));
  for (let i = 0; i < count; i += 1) {
    put(
      `packages/backend/src/plugins/svc${i}.ts`,
      `import { createRouter } from '@bench/plugin-svc${i}-backend';\nimport { Router } from 'express';\nimport { PluginEnvironment } from '../types';\n\nexport default async function createPlugin(\n  env: PluginEnvironment,\n): Promise<Router> {\n  return await createRouter({\n    logger: env.logger,\n    config: env.config,\n    database: env.database,\n  });\n}\n`,
    );
    for (const [rel, text] of Object.entries(pluginFiles(i))) put(`plugins/svc${i}-backend/${rel}`, text);
  }
  return files;
}

module.exports = { generateMonorepo };
