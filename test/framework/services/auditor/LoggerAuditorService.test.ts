import type { Request } from 'express';
import { AuthenticationError, type AuditorService, type HttpAuthService, type LoggerService } from '../../../../framework/api';
import { auditorServiceFactory } from '../../../../framework/services/auditor';
import { ConfigReader } from '../../../../framework/services/rootConfig';

type LogRecord = { level: string; message: string; meta: Record<string, unknown> };

function capturingLogger(records: LogRecord[]): LoggerService {
  const log = (level: string) => (message: string, meta?: object) => records.push({ level, message, meta: { ...meta } });
  const logger: LoggerService = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), child: () => logger };
  return logger;
}

const httpAuth: HttpAuthService = {
  async credentials(req: Request) {
    const header = req.headers.authorization;
    if (header === 'Bearer jane') {
      return { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/jane' } } as never;
    }
    if (header === 'Bearer svc') {
      return { $$type: '@backstage/BackstageCredentials', principal: { type: 'service', subject: 'plugin:catalog' } } as never;
    }
    throw new AuthenticationError('no token');
  },
  async issueUserCookie() {
    return { expiresAt: new Date() };
  },
};

const fakeRequest = (authorization?: string) =>
  ({
    method: 'DELETE',
    originalUrl: '/api/todo/items/7',
    url: '/items/7',
    ip: '10.1.2.3',
    hostname: 'backstage.example.com',
    headers: { authorization },
    get: (name: string) => (name === 'user-agent' ? 'jest' : undefined),
  }) as unknown as Request;

async function makeAuditor(config: object = {}) {
  const records: LogRecord[] = [];
  const levels = await auditorServiceFactory.createRootContext!({ config: new ConfigReader(config as never) });
  const auditor = await auditorServiceFactory.factory(
    { logger: capturingLogger(records), httpAuth, pluginMetadata: { getId: () => 'todo' }, config: new ConfigReader({}) },
    levels,
  );
  return { auditor: auditor as AuditorService, records };
}

describe('auditor', () => {
  it('writes an initiated and a succeeded record with plugin, event, severity, actor, request and meta', async () => {
    const { auditor, records } = await makeAuditor();
    const event = await auditor.createEvent({
      eventId: 'item-delete',
      severityLevel: 'medium',
      request: fakeRequest('Bearer jane'),
      meta: { itemId: 7 },
    });
    await event.success({ meta: { deleted: true } });
    expect(records).toEqual([
      {
        level: 'info',
        message: 'todo.item-delete',
        meta: {
          isAuditEvent: true,
          plugin: 'todo',
          eventId: 'item-delete',
          severityLevel: 'medium',
          status: 'initiated',
          actor: { actorId: 'user:default/jane', ip: '10.1.2.3', hostname: 'backstage.example.com', userAgent: 'jest' },
          request: { method: 'DELETE', url: '/api/todo/items/7' },
          meta: { itemId: 7 },
        },
      },
      expect.objectContaining({
        level: 'info',
        meta: expect.objectContaining({ status: 'succeeded', meta: { itemId: 7, deleted: true } }),
      }),
    ]);
    // A second completion is recorded too (Backstage's catalog fails some events twice); it never throws.
    await event.fail({ error: new Error('late') });
    expect(records[2].meta).toMatchObject({ status: 'failed', error: { message: 'late' } });
  });

  it('records a failure with the error, and service actors by subject', async () => {
    const { auditor, records } = await makeAuditor();
    const event = await auditor.createEvent({ eventId: 'item-delete', severityLevel: 'high', request: fakeRequest('Bearer svc') });
    await event.fail({ error: new TypeError('bad id'), meta: { itemId: 'x' } });
    expect(records[1].meta).toMatchObject({
      status: 'failed',
      actor: { actorId: 'plugin:catalog' },
      error: { name: 'TypeError', message: 'bad id' },
      meta: { itemId: 'x' },
    });
  });

  it('still records when the request carries no valid credentials, without an actor id', async () => {
    const { auditor, records } = await makeAuditor();
    await (await auditor.createEvent({ eventId: 'item-read', request: fakeRequest() })).success();
    expect(records[0].meta.actor).toEqual({ ip: '10.1.2.3', hostname: 'backstage.example.com', userAgent: 'jest' });
    expect(records[0].meta.severityLevel).toBe('low');
  });

  it('logs low severity at debug by default and follows backend.auditor.severityLogLevelMappings', async () => {
    const plain = await makeAuditor();
    await plain.auditor.createEvent({ eventId: 'list' });
    expect(plain.records[0].level).toBe('debug');
    const mapped = await makeAuditor({ backend: { auditor: { severityLogLevelMappings: { low: 'info', critical: 'error' } } } });
    await mapped.auditor.createEvent({ eventId: 'list' });
    await mapped.auditor.createEvent({ eventId: 'wipe', severityLevel: 'critical' });
    expect(mapped.records.map((r) => r.level)).toEqual(['info', 'error']);
  });

  it('rejects bad events and bad config with clear errors', async () => {
    const { auditor } = await makeAuditor();
    await expect(auditor.createEvent({ eventId: '' })).rejects.toThrow(/needs an eventId/);
    await expect(auditor.createEvent({ eventId: 'x', severityLevel: 'urgent' as never })).rejects.toThrow(/severityLevel must be/);
    await expect(makeAuditor({ backend: { auditor: { severityLogLevelMappings: { low: 'trace' } } } })).rejects.toThrow(
      /severityLogLevelMappings\.low "trace": use one of debug, info, warn, error/,
    );
  });
});
