import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RootConfigService } from '../../../../framework/api';
import { defaultServiceFactories } from '../../../../framework/services';
import { createRootConfigServiceFactory, loadConfig, rootConfigServiceFactory } from '../../../../framework/services/rootConfig';

describe('rootConfigServiceFactory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'forklift-rootconfig-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the root-scoped core.rootConfig factory, installed by default with the loggers', () => {
    expect(rootConfigServiceFactory.service.id).toBe('core.rootConfig');
    expect(rootConfigServiceFactory.service.scope).toBe('root');
    expect(rootConfigServiceFactory.deps).toEqual({});
    const ids = defaultServiceFactories.map((f) => f.service.id);
    expect(ids).toEqual(expect.arrayContaining(['core.rootConfig', 'core.rootLogger', 'core.logger']));
  });

  it('loads with the given options', async () => {
    await writeFile(path.join(dir, 'custom.yaml'), 'app:\n  title: ${TITLE}\n');
    const factory = createRootConfigServiceFactory({ cwd: dir, argv: ['--config', 'custom.yaml'], env: { TITLE: 'Forklift' } });
    const config = (await factory.factory({}, undefined)) as RootConfigService;
    expect(config.getString('app.title')).toBe('Forklift');
    expect(config.getNumber('backend.listen.port')).toBe(7007);
  });

  it("skips other tools' --config arguments (jest's config script or inline JSON)", async () => {
    const { files } = await loadConfig({
      cwd: dir,
      env: {},
      argv: ['node', 'jest', '--config', 'jest.config.js', '--config={"a":1}', '--config=tsconfig.ts'],
    });
    expect(files).toEqual([]);
  });
});
