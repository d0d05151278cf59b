/** plugin-export: how it reads createRouter and its options type spread over files, and writes the new file in the package's own style. */
import { MANIFEST, WINSTON_ROUTER, applyEntry, created } from './support/pluginExportEntry';

describe('reading createRouter', () => {
  it('follows an interface that extends another and an intersection declared in other files', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-reports-backend'),
      'src/index.ts': "export { createRouter } from './router';\n",
      'src/router.ts': `import type { ReportOptions } from './options';
export const createRouter = async (options: ReportOptions & { cache: PluginCacheManager }) => ({ router: null as any });
import { PluginCacheManager } from 'forklift/legacy-bridge';
`,
      'src/options.ts': "export * from './base';\n",
      'src/base.ts': `import { Logger } from 'winston';
import type { UrlReader } from 'forklift/legacy-bridge';
interface Base { logger: Logger }
export interface ReportOptions extends Base { reader: UrlReader; title?: string }
`,
    };
    const plugin = created(applyEntry(files));
    expect(plugin).toContain("import {\n  cacheToPluginCacheManager,\n  loggerToWinstonLogger,\n} from 'forklift/legacy-bridge';");
    expect(plugin).toContain('reader: coreServices.urlReader,');
    expect(plugin).toContain('cache: cacheToPluginCacheManager(cache),');
    expect(plugin).toContain('const { router } = await createRouter({');
    expect(plugin).not.toContain('title');
  });

  it('writes the new file in the style of the package: double quotes, four spaces, no semicolons', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': 'export * from "./service/router"\n',
      'src/service/router.ts': `import { Logger } from "winston"

export interface RouterOptions {
    logger: Logger
}

export function createRouter(options: RouterOptions) {
    return null as any
}
`,
    };
    const result = applyEntry(files);
    expect(created(result)).toBe(`import { coreServices, createBackendPlugin } from "forklift/framework"
import { loggerToWinstonLogger } from "forklift/legacy-bridge"
import { createRouter } from "./service/router"

export const xPlugin = createBackendPlugin({
    pluginId: "x",
    register(env) {
        env.registerInit({
            deps: {
                logger: coreServices.logger,
                httpRouter: coreServices.httpRouter,
            },
            async init({ logger, httpRouter }) {
                httpRouter.use(
                    createRouter({ logger: loggerToWinstonLogger(logger) }),
                )
            },
        })
    },
})
`);
    expect(result.files[0]).toEqual({
      path: 'src/index.ts',
      status: 'ok',
      source: 'export * from "./service/router"\nexport { xPlugin as default } from "./plugin"\n',
    });
  });

  it('does not mark createRouter twice when it is already deprecated', () => {
    const router = WINSTON_ROUTER.replace('export async function', '/** @deprecated use the plugin */\nexport async function');
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': router,
    };
    const result = applyEntry(files);
    expect(result.files.map((f) => [f.path, f.status])).toEqual([
      ['src/index.ts', 'ok'],
      ['src/plugin.ts', 'created'],
    ]);
  });

  it('takes the family from package.json when the code imports neither', () => {
    const router = "import { Logger } from 'winston';\nexport function createRouter(options: { logger: Logger }) { return null as any; }\n";
    const files = {
      'package.json': MANIFEST('@acme/plugin-x-backend', { '@backstage/backend-common': '^0.19.0' }),
      'src/index.ts': "export * from './router';\n",
      'src/router.ts': router,
    };
    expect(created(applyEntry(files))).toContain("from '@backstage/backend-plugin-api';");
    expect(created(applyEntry(files, { target: 'forklift' }))).toContain("from 'forklift/framework';");
  });

  it('throws on an entry that does not parse, so the runner reports it', () => {
    const files = { 'package.json': MANIFEST('@internal/plugin-x-backend'), 'src/index.ts': 'export * from ;\n' };
    expect(() => applyEntry(files)).toThrow();
  });
});
