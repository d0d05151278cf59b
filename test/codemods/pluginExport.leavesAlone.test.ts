/** plugin-export: which files it leaves alone, and why. */
import { pluginExportTransform } from '../../codemods/transforms/pluginExport';
import type { PackageFacts } from '../../codemods/transforms/types';
import { MANIFEST, WINSTON_ROUTER, applyEntry } from './support/pluginExportEntry';

describe('files it leaves alone', () => {
  it('only matches package entries', () => {
    expect(pluginExportTransform.matches({ path: 'src/service/router.ts', source: 'export function createRouter() {}' })).toBe(false);
    expect(pluginExportTransform.matches({ path: 'plugins/x-backend/src/index.ts', source: "export * from './a';" })).toBe(true);
  });

  it('ignores a backend package entry', () => {
    const files = { 'src/index.ts': "export * from './service/router';\n", 'src/service/router.ts': WINSTON_ROUTER };
    const result = applyEntry(files, {}, [{ name: 'backend', dir: '', role: 'backend', entry: 'src/index.ts', migrated: false }]);
    expect(result.files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('ignores an entry that exports no createRouter', () => {
    const files = { 'package.json': MANIFEST('@internal/plugin-x-backend'), 'src/index.ts': "export const version = '1';\n" };
    expect(applyEntry(files).files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('leaves a package alone when any file the entry reaches already creates a backend plugin', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\nexport { xPlugin } from './alpha';\n",
      'src/alpha.ts': "export { xPlugin } from './wiring/xPlugin';\n",
      'src/wiring/xPlugin.ts':
        "import { createBackendPlugin } from 'forklift/framework';\nexport const xPlugin = createBackendPlugin({ pluginId: 'x', register() {} });\n",
      'src/service/router.ts': WINSTON_ROUTER,
    };
    expect(applyEntry(files).files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('trusts the analysis when it says the package is migrated', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': WINSTON_ROUTER,
    };
    const packages: PackageFacts[] = [
      { name: '@internal/plugin-x-backend', dir: '', role: 'backend-plugin', entry: 'src/index.ts', migrated: true },
    ];
    expect(applyEntry(files, {}, packages).files).toEqual([{ path: 'src/index.ts', status: 'unmodified' }]);
  });

  it('skips with a manual step when src/plugin.ts exists but is something else', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts': WINSTON_ROUTER,
      'src/plugin.ts': 'export const pluginName = "x";\n',
    };
    const result = applyEntry(files);
    expect(result.files).toEqual([{ path: 'src/index.ts', status: 'skipped', message: 'src/plugin.ts already exists' }]);
    expect(result.manualSteps).toEqual([
      { path: 'src/plugin.ts', line: 1, message: expect.stringContaining('holds no createBackendPlugin') },
    ]);
  });

  it('skips with a manual step when the entry already has a default export', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "import { createRouter } from './service/router';\nexport { createRouter };\nexport default createRouter;\n",
      'src/service/router.ts': WINSTON_ROUTER,
    };
    const result = applyEntry(files);
    expect(result.files[0]).toMatchObject({ status: 'skipped', message: 'the entry already has a default export' });
    expect(result.manualSteps).toHaveLength(1);
  });

  it('skips when the options type cannot be found, naming it', () => {
    const files = {
      'package.json': MANIFEST('@internal/plugin-x-backend'),
      'src/index.ts': "export * from './service/router';\n",
      'src/service/router.ts':
        "import { RouterOptions } from './missing';\nexport async function createRouter(options: RouterOptions) { return null as any; }\n",
    };
    const result = applyEntry(files);
    expect(result.files[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('could not find the declaration of `RouterOptions`'),
    });
    expect(result.manualSteps).toEqual([
      { path: 'src/service/router.ts', line: 2, message: expect.stringContaining('write src/plugin.ts') },
    ]);
  });
});
