/** The auditor of a plugin in a running backend: records go through the plugin's logger, with the caller as actor. */
import { Router } from 'express';
import request from 'supertest';
import { coreServices, createBackendPlugin, createServiceFactory } from '../../../../framework';
import { MockLogger, mockServices, startTestBackend } from '../../../../framework/testing';

const auditedPlugin = createBackendPlugin({
  pluginId: 'reports',
  register(env) {
    env.registerInit({
      deps: { router: coreServices.httpRouter, auditor: coreServices.auditor },
      async init({ router, auditor }) {
        const routes = Router();
        routes.post('/reports/:id/publish', async (req, res, next) => {
          const event = await auditor.createEvent({
            eventId: 'report-publish',
            severityLevel: 'high',
            request: req,
            meta: { reportId: req.params.id },
          });
          if (req.params.id === 'broken') {
            const error = new Error('report is broken');
            await event.fail({ error });
            next(error);
            return;
          }
          await event.success({ meta: { published: true } });
          res.json({ published: req.params.id });
        });
        router.use(routes);
      },
    });
  },
});

describe('auditor in a backend', () => {
  it('writes initiated and succeeded/failed records with the caller from the request credentials', async () => {
    const logger = new MockLogger();
    const backend = await startTestBackend({
      features: [
        auditedPlugin,
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
        mockServices.rootConfig.factory({
          data: {
            backend: { auth: { externalAccess: [{ type: 'static', options: { token: 'ci-token-123456', subject: 'ci-pipeline' } }] } },
          },
        }),
      ],
    });
    await request(backend.server).post('/api/reports/reports/42/publish').set('authorization', 'Bearer ci-token-123456').expect(200);
    await request(backend.server).post('/api/reports/reports/broken/publish').set('authorization', 'Bearer ci-token-123456').expect(500);
    await backend.stop();

    const audit = logger.entries.filter((entry) => entry.fields.isAuditEvent);
    expect(audit.map((entry) => [entry.level, entry.message, entry.fields.status])).toEqual([
      ['info', 'reports.report-publish', 'initiated'],
      ['info', 'reports.report-publish', 'succeeded'],
      ['info', 'reports.report-publish', 'initiated'],
      ['info', 'reports.report-publish', 'failed'],
    ]);
    expect(audit[1].fields).toMatchObject({
      plugin: 'reports',
      eventId: 'report-publish',
      severityLevel: 'high',
      actor: { actorId: 'external:ci-pipeline' },
      request: { method: 'POST', url: '/api/reports/reports/42/publish' },
      meta: { reportId: '42', published: true },
    });
    expect(audit[3].fields).toMatchObject({ error: { message: 'report is broken' }, meta: { reportId: 'broken' } });
  });
});
