import { findBackendMounts, pluginIdFromPath, readLocalPluginFile } from '../../codemods/analysis';

const INDEX = `
import Router from 'express-promise-router';
import kube from './plugins/k8s';
import catalog from './plugins/catalog';
import { createRouter as ocm } from '@acme/plugin-ocm-backend';
import app from './plugins/app';
import search from './plugins/search';
import sonar from './plugins/sonar';

async function main() {
  const createEnv = makeCreateEnv(config);
  const k8sEnv = useHotMemoize(module, () => createEnv('k8s'));
  const catalogEnv = useHotMemoize(module, () => {
    return createEnv('catalog');
  });
  const appEnv = useHotMemoize(module, () => createEnv('frontend'));

  const apiRouter = Router();
  apiRouter.use('/kubernetes', await kube(k8sEnv));
  apiRouter.use('/catalog', await catalog(catalogEnv, providers, { strict: true }));
  if (config.getOptionalBoolean('ocm.enabled')) {
    apiRouter.use('/ocm', await ocm({ logger: root }));
  }
  const [searchRouter, sonarRouter] = await Promise.all([search(createEnv('search')), sonar(createEnv('sonar'))]);
  apiRouter.use('/search', searchRouter);
  apiRouter.use(\`/sonarqube\`, sonarRouter);
  apiRouter.use(notFoundHandler());

  const service = createServiceBuilder(module)
    .loadConfig(config)
    .addRouter('', metricsHandler())
    .addRouter('/api', apiRouter)
    .addRouter('', await app(appEnv));
}
`;

describe('findBackendMounts', () => {
  const mounts = findBackendMounts(INDEX);
  const byId = Object.fromEntries(mounts.map((m) => [m.pluginId, m]));

  it('finds every plugin mount in source order and nothing else', () => {
    expect(mounts.map((m) => m.pluginId)).toEqual(['kubernetes', 'catalog', 'ocm', 'search', 'sonarqube', 'frontend']);
  });

  it('takes the id from the mount path, not from the env name or the binding', () => {
    expect(byId.kubernetes).toMatchObject({
      pluginIdFrom: 'path',
      binding: 'kube',
      envName: 'k8s',
      envVariable: 'k8sEnv',
      importSource: './plugins/k8s',
      localFile: true,
      via: 'use',
      line: 19,
    });
  });

  it('falls back to the env name, then the binding, for an empty path', () => {
    expect(byId.frontend).toMatchObject({ pluginIdFrom: 'env', binding: 'app', via: 'addRouter', mountPath: '' });
    const bare = findBackendMounts(`service.addRouter('', await app(env));`);
    expect(bare[0]).toMatchObject({ pluginId: 'app', pluginIdFrom: 'binding', localFile: false });
  });

  it('reports extra factory arguments as written and env names from block-bodied arrows', () => {
    expect(byId.catalog.extraArgs).toEqual(['providers', '{ strict: true }']);
    expect(byId.catalog.envName).toBe('catalog');
  });

  it('marks mounts behind a condition and packages that are not local files', () => {
    expect(byId.ocm).toMatchObject({ conditional: true, localFile: false, importSource: '@acme/plugin-ocm-backend' });
    expect(byId.kubernetes.conditional).toBe(false);
  });

  it('follows routers built first, also through Promise.all', () => {
    expect(byId.search).toMatchObject({ routerVariable: 'searchRouter', binding: 'search', envName: 'search' });
    expect(byId.sonarqube).toMatchObject({ routerVariable: 'sonarRouter', binding: 'sonar', envName: 'sonar' });
  });

  it('reads the last segment of a longer path', () => {
    expect(pluginIdFromPath('/api/code-coverage')).toBe('code-coverage');
    expect(pluginIdFromPath('/')).toBeUndefined();
  });

  it('throws the parser error for a file that does not parse', () => {
    expect(() => findBackendMounts('apiRouter.use(')).toThrow();
  });
});

describe('readLocalPluginFile', () => {
  it('sees a pass-through of env fields to a package', () => {
    const info = readLocalPluginFile(`
      import { createRouter } from '@acme/plugin-todo-backend/alpha';
      import { PluginEnvironment } from '../types';
      export default async function createPlugin(env: PluginEnvironment) {
        return await createRouter({ logger: env.logger, database: env.database });
      }`);
    expect(info).toEqual({
      calledPackage: '@acme/plugin-todo-backend',
      passThrough: true,
      configuredOptions: [],
      passedOptions: ['logger', 'database'],
      builderCalls: [],
      returnsCallOf: 'createRouter',
      importedPackages: ['@acme/plugin-todo-backend'],
    });
  });

  it('names the options of the returned call when statements come before the return', () => {
    const info = readLocalPluginFile(`
      import { createRouter, providers } from '@backstage/plugin-auth-backend';
      export default async function createPlugin(env) {
        const extra = {};
        for (const key of env.config.keys()) extra[key] = providers.oidc.create();
        return await createRouter({ logger: env.logger, providerFactories: extra });
      }`);
    expect(info).toMatchObject({
      calledPackage: '@backstage/plugin-auth-backend',
      passThrough: false,
      configuredOptions: [],
      passedOptions: ['logger', 'providerFactories'],
    });
  });

  it('accepts destructured env parameters and rejects anything that is not an env field', () => {
    const destructured = readLocalPluginFile(`
      import { createRouter } from 'x-backend';
      const plugin = async ({ logger, config }) => createRouter({ logger, config });
      export default plugin;`);
    expect(destructured.passThrough).toBe(true);
    const literal = readLocalPluginFile(`
      import { createRouter } from 'x-backend';
      export default async function (env) { return createRouter({ logger: env.logger, appPackageName: 'app' }); }`);
    expect(literal).toMatchObject({ calledPackage: 'x-backend', passThrough: false });
  });

  it('names the package a builder-style file uses without calling it a pass-through', () => {
    const info = readLocalPluginFile(`
      import { CatalogBuilder } from '@backstage/plugin-catalog-backend';
      export default async function createPlugin(env) {
        const builder = await CatalogBuilder.create(env);
        const { router } = await builder.build();
        return router;
      }`);
    expect(info).toMatchObject({ calledPackage: '@backstage/plugin-catalog-backend', passThrough: false, returnsCallOf: undefined });
  });
});
