import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { coreServices, type LoggerService, type RootConfigService, type RootLoggerService } from '../../../../framework/api';
import { loggerServiceFactory } from '../../../../framework/services/logger';
import { ConfigError, ConfigReader, createRootConfigServiceFactory } from '../../../../framework/services/rootConfig';
import { createRootLoggerServiceFactory, LogCapture, rootLoggerServiceFactory } from '../../../../framework/services/rootLogger';

async function rootLogger(config: RootConfigService, env: Record<string, string | undefined> = {}, format?: 'json' | 'pretty') {
  const capture = new LogCapture();
  const factory = createRootLoggerServiceFactory({ transports: [capture.transport], env, format, colors: false });
  const logger = (await factory.factory({ config }, undefined)) as RootLoggerService;
  return { capture, logger };
}

describe('rootLoggerServiceFactory', () => {
  it('is the core.rootLogger factory and depends on core.rootConfig', () => {
    expect(rootLoggerServiceFactory.service.id).toBe(coreServices.rootLogger.id);
    expect(rootLoggerServiceFactory.service.scope).toBe('root');
    expect(Object.values(rootLoggerServiceFactory.deps).map((d) => d.id)).toEqual(['core.rootConfig']);
  });

  it('takes the level from backend.logging.level, else LOG_LEVEL, else info', async () => {
    const fromConfig = await rootLogger(new ConfigReader({ backend: { logging: { level: 'debug' } } }), { LOG_LEVEL: 'error' });
    fromConfig.logger.debug('d');
    expect(fromConfig.capture.logs.map((l) => l.message)).toEqual(['d']);

    const fromEnv = await rootLogger(new ConfigReader({}), { LOG_LEVEL: 'warn' });
    fromEnv.logger.info('i');
    fromEnv.logger.warn('w');
    expect(fromEnv.capture.logs.map((l) => l.message)).toEqual(['w']);

    const byDefault = await rootLogger(new ConfigReader({}));
    byDefault.logger.debug('d');
    byDefault.logger.info('i');
    expect(byDefault.capture.logs.map((l) => l.message)).toEqual(['i']);
  });

  it('rejects an unknown level, naming where it came from', async () => {
    await expect(rootLogger(new ConfigReader({ backend: { logging: { level: 'loud' } } }))).rejects.toThrow(
      "Invalid log level 'loud' in config key 'backend.logging.level': use one of error, warn, info, http, verbose, debug, silly",
    );
    await expect(rootLogger(new ConfigReader({}), { LOG_LEVEL: 'chatty' })).rejects.toThrow(ConfigError);
    await expect(rootLogger(new ConfigReader({}), { LOG_LEVEL: 'chatty' })).rejects.toThrow(
      "Invalid log level 'chatty' in environment variable LOG_LEVEL",
    );
  });

  it('writes JSON lines when NODE_ENV=production and the pretty format otherwise', async () => {
    const prod = await rootLogger(new ConfigReader({}), { NODE_ENV: 'production' });
    prod.logger.info('hello', { a: 1 });
    expect(JSON.parse(prod.capture.lines[0])).toMatchObject({ level: 'info', message: 'hello', a: 1 });

    const dev = await rootLogger(new ConfigReader({}), { NODE_ENV: 'development' });
    dev.logger.info('hello', { a: 1 });
    expect(() => JSON.parse(dev.capture.lines[0])).toThrow();
    expect(dev.capture.lines[0]).toMatch(/ info {2}hello a=1$/);

    const configured = await rootLogger(new ConfigReader({ backend: { logging: { format: 'json' } } }), {});
    configured.logger.info('x');
    expect(JSON.parse(configured.capture.lines[0]).message).toBe('x');
    await expect(rootLogger(new ConfigReader({ backend: { logging: { format: 'xml' } } }))).rejects.toThrow(
      "Invalid log format 'xml' in config key 'backend.logging.format': use 'json' or 'pretty'",
    );
  });
});

describe('secrets from config never reach a log line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'forklift-logger-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['json', 'pretty'] as const)('redacts key-marked and substituted values (%s)', async (format) => {
    await writeFile(
      path.join(dir, 'app-config.yaml'),
      [
        'backend:',
        '  baseUrl: http://localhost:7007',
        '  database:',
        '    connection:',
        '      password: literal-db-pass',
        '  auth:',
        '    keys:',
        '      - secret: literal-auth-key',
        'integrations:',
        '  github:',
        '    - host: github.com',
        '      apiBaseUrl: https://api.example.com/${GH_ORG}',
        'extra:',
        '  fromEnv:',
        '    $env: EXTRA_VALUE',
        '  fromFile:',
        '    $file: cert.pem',
        '',
      ].join('\n'),
    );
    await writeFile(path.join(dir, 'cert.pem'), 'file-cert-contents\n');
    const env = { GH_ORG: 'substituted-org-name', EXTRA_VALUE: 'env-extra-value' };
    const config = (await createRootConfigServiceFactory({ cwd: dir, argv: [], env }).factory({}, undefined)) as RootConfigService;
    const { capture, logger: root } = await rootLogger(config, {}, format);
    const logger = (await loggerServiceFactory.factory(
      { rootLogger: root, pluginMetadata: { getId: () => 'catalog' } },
      undefined,
    )) as LoggerService;

    const secrets = ['literal-db-pass', 'literal-auth-key', 'substituted-org-name', 'env-extra-value', 'file-cert-contents'];
    for (const secret of secrets) {
      logger.info(`value ${secret} in message`, { meta: secret, nested: { list: [secret] } });
      logger.error('failed', new Error(`error carrying ${secret}`));
      logger.child({ module: 'mod', context: secret }).warn('child');
    }
    for (const secret of secrets) expect(capture.text).not.toContain(secret);
    expect(capture.logs[0].message).toBe('value *** in message');
    expect(capture.logs[0].fields).toMatchObject({ plugin: 'catalog', meta: '***', nested: { list: ['***'] } });
    // Values that are not secret still show.
    logger.info(config.getString('backend.baseUrl'));
    expect(capture.logs[capture.logs.length - 1].message).toBe('http://localhost:7007');
  });
});
