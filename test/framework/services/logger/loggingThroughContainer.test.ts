import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { coreServices, createBackendModule, createBackendPlugin } from '../../../../framework/api';
import { loggerServiceFactory } from '../../../../framework/services/logger';
import { createRootConfigServiceFactory } from '../../../../framework/services/rootConfig';
import { createRootLoggerServiceFactory, LogCapture } from '../../../../framework/services/rootLogger';
import { createSpecializedBackend } from '../../../../framework/wiring';

describe('config and logging through the container', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'forklift-logging-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('plugin and module loggers carry their ids and never show config secrets', async () => {
    await writeFile(path.join(dir, 'app-config.yaml'), 'todo:\n  apiToken: literal-api-token\n  endpoint: https://${TODO_HOST}/v1\n');
    const capture = new LogCapture();
    const backend = createSpecializedBackend({
      defaultServiceFactories: [
        createRootConfigServiceFactory({ cwd: dir, argv: [], env: { TODO_HOST: 'hidden-host.internal' } }),
        createRootLoggerServiceFactory({ transports: [capture.transport], format: 'json', env: {} }),
        loggerServiceFactory,
      ],
    });
    backend.add(
      createBackendPlugin({
        pluginId: 'todo',
        register(env) {
          env.registerInit({
            deps: { logger: coreServices.logger, config: coreServices.rootConfig },
            async init({ logger, config }) {
              logger.info(`calling ${config.getString('todo.endpoint')} with ${config.getString('todo.apiToken')}`);
            },
          });
        },
      }),
    );
    backend.add(
      createBackendModule({
        pluginId: 'todo',
        moduleId: 'reminders',
        register(env) {
          env.registerInit({
            deps: { logger: coreServices.logger },
            async init({ logger }) {
              logger.warn('module ready', { token: 'literal-api-token' });
            },
          });
        },
      }),
    );
    await backend.start();
    await backend.stop();

    expect(capture.text).not.toContain('literal-api-token');
    expect(capture.text).not.toContain('hidden-host.internal');
    const pluginLine = capture.find(
      (l) => l.fields.plugin === 'todo' && l.fields.module === undefined && String(l.message).startsWith('calling'),
    );
    expect(pluginLine?.message).toBe('calling https://***/v1 with ***');
    const moduleLine = capture.find((l) => l.message === 'module ready');
    expect(moduleLine?.fields).toMatchObject({ plugin: 'todo', module: 'reminders', token: '***' });
  });
});
