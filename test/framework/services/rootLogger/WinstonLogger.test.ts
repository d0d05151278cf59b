import { LogCapture, WinstonLogger, type WinstonLoggerOptions } from '../../../../framework/services/rootLogger';

function setup(options: WinstonLoggerOptions = {}) {
  const capture = new LogCapture();
  const logger = WinstonLogger.create({ format: 'json', transports: [capture.transport], ...options });
  return { capture, logger };
}

describe('WinstonLogger levels', () => {
  it('writes info and above by default', () => {
    const { capture, logger } = setup();
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(capture.logs.map((l) => [l.level, l.message])).toEqual([
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'e'],
    ]);
  });

  it('respects the configured level, also in children', () => {
    const warnOnly = setup({ level: 'warn' });
    warnOnly.logger.child({ plugin: 'p' }).info('hidden');
    warnOnly.logger.child({ plugin: 'p' }).warn('shown');
    expect(warnOnly.capture.logs.map((l) => l.message)).toEqual(['shown']);
    const debug = setup({ level: 'debug' });
    debug.logger.debug('visible');
    expect(debug.capture.logs.map((l) => l.message)).toEqual(['visible']);
  });
});

describe('WinstonLogger formats', () => {
  it('json: one parseable line with level, message, timestamp and fields', () => {
    const { capture, logger } = setup();
    logger.child({ plugin: 'todo' }).info('created item', { id: 3, tags: ['a'] });
    const [line] = capture.lines;
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(parsed).toEqual({ level: 'info', message: 'created item', plugin: 'todo', id: 3, tags: ['a'], timestamp: expect.any(String) });
    expect(new Date(parsed.timestamp).toString()).not.toBe('Invalid Date');
  });

  it('pretty: time, level, plugin/module, message and key=value fields, plain without colours', () => {
    const { capture, logger } = setup({ format: 'pretty', colors: false });
    logger.child({ plugin: 'todo' }).child({ module: 'search' }).warn('slow query', { ms: 1200, table: 'items' });
    const [line] = capture.lines;
    expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+ warn {2}todo\/search slow query ms=1200 table=items$/);
    expect(line).not.toContain('\u001b[');
  });

  it('pretty: colours when asked', () => {
    const { capture, logger } = setup({ format: 'pretty', colors: true });
    logger.error('boom');
    expect(capture.lines[0]).toContain('\u001b[31merror');
  });

  it('pretty: an error shows as name: message with its stack below', () => {
    const { capture, logger } = setup({ format: 'pretty', colors: false });
    logger.error('request failed', new TypeError('bad input'));
    const [first, second] = capture.lines[0].split('\n');
    expect(first).toMatch(/ error request failed error="TypeError: bad input"$/);
    expect(second).toBe('TypeError: bad input');
  });

  it('json: an Error as meta becomes an error field with name, message and stack', () => {
    const { capture, logger } = setup();
    logger.error('request failed', new RangeError('too far'));
    const parsed = JSON.parse(capture.lines[0]);
    expect(parsed.message).toBe('request failed');
    expect(parsed.error).toEqual({ name: 'RangeError', message: 'too far', stack: expect.stringContaining('RangeError: too far') });
  });

  it('child meta is added to every line and children nest', () => {
    const { capture, logger } = setup();
    const child = logger.child({ plugin: 'catalog' });
    child.child({ module: 'github', task: 'refresh' }).info('done');
    child.info('plain');
    expect(capture.logs[0].fields).toMatchObject({ plugin: 'catalog', module: 'github', task: 'refresh' });
    expect(capture.logs[1].fields.plugin).toBe('catalog');
    expect(capture.logs[1].fields.module).toBeUndefined();
  });
});

describe('WinstonLogger redaction', () => {
  const secret = 'hunter2-very-secret';

  it('redacts messages, nested metadata, arrays, errors and child meta before any transport', () => {
    const { capture, logger } = setup({ redactions: [secret] });
    const error = new Error(`login with ${secret} failed`);
    const child = logger.child({ plugin: 'auth', header: `Bearer ${secret}` });
    child.info(`token is ${secret}`, { nested: { deep: [`x${secret}y`, { again: secret }] }, error });
    child.error('failed', error);
    const text = capture.text;
    expect(text).not.toContain(secret);
    expect(capture.logs[0].message).toBe('token is ***');
    expect(capture.logs[0].fields).toMatchObject({
      header: 'Bearer ***',
      nested: { deep: ['x***y', { again: '***' }] },
      error: { name: 'Error', message: 'login with *** failed' },
    });
    expect(String((capture.logs[1].fields.error as { stack: string }).stack)).toContain('Error: login with *** failed');
  });

  it('redacts in the pretty format too', () => {
    const { capture, logger } = setup({ format: 'pretty', colors: false, redactions: [secret] });
    logger.info(secret, { k: secret });
    logger.error('x', new Error(secret));
    expect(capture.text).not.toContain(secret);
    expect(capture.lines[0]).toMatch(/ info {2}\*\*\* k=\*\*\*$/);
  });

  it('never modifies the caller objects and handles cycles', () => {
    const { capture, logger } = setup({ redactions: [secret] });
    const meta: Record<string, unknown> = { value: secret, list: [secret] };
    meta.self = meta;
    logger.info('m', meta);
    expect(meta.value).toBe(secret);
    expect(meta.list).toEqual([secret]);
    // Winston copies the top level of the meta, so the cycle is cut one level down.
    expect(capture.logs[0].fields).toMatchObject({
      value: '***',
      list: ['***'],
      self: { value: '***', list: ['***'], self: '[Circular]' },
    });
  });

  it('replaces the longest secret first and takes more secrets later', () => {
    const { capture, logger } = setup({ redactions: ['abc', 'abcdef'] });
    logger.info('abcdef and abc');
    logger.addRedactions(['late-secret']);
    logger.child({}).info('late-secret now');
    expect(capture.logs.map((l) => l.message)).toEqual(['*** and ***', '*** now']);
  });

  it('ignores values too short to be secrets', () => {
    const { capture, logger } = setup({ redactions: ['ab', ''] });
    logger.info('ab stays');
    expect(capture.logs[0].message).toBe('ab stays');
  });
});

describe('LogCapture', () => {
  it('can be cleared and searched', () => {
    const { capture, logger } = setup();
    logger.info('one', { n: 1 });
    logger.warn('two');
    expect(capture.find((l) => l.level === 'warn')?.message).toBe('two');
    capture.clear();
    expect(capture.logs).toEqual([]);
    expect(capture.text).toBe('');
  });
});

describe('WinstonLogger errors from node internals', () => {
  it('keeps message, code and stack of a system error, redacted', async () => {
    const { capture, logger } = setup({ redactions: ['no-such-secret-dir'] });
    const error = await import('node:fs/promises').then((fs) => fs.readFile('/no-such-secret-dir/file').catch((e: unknown) => e));
    logger.warn('read failed', error as Error);
    expect(capture.logs[0].fields.error).toMatchObject({ name: 'Error', code: 'ENOENT', message: expect.stringContaining('/***/file') });
    expect(capture.text).not.toContain('no-such-secret-dir');
  });
});
