import request from 'supertest';
import { startTestServer } from '../httpHarness';

describe('health endpoints', () => {
  it('readiness is 503 until startup, 200 while running, 503 again from before-shutdown; liveness stays 200', async () => {
    // The delay keeps the server listening after before-shutdown began, long enough to ask it.
    const server = await startTestServer({ backend: { lifecycle: { serverShutdownDelay: '3s' } } });
    server.addPlugin('catalog');
    try {
      const before = await request(server.url).get('/.backstage/health/v1/readiness');
      expect(before.status).toBe(503);
      expect(before.body).toEqual({ status: 'error', message: 'Backend has not started yet' });
      await request(server.url).get('/.backstage/health/v1/liveness').expect(200, { status: 'ok' });

      await server.start();
      await request(server.url).get('/.backstage/health/v1/readiness').expect(200, { status: 'ok' });

      const draining = server.rootLifecycle.beforeShutdown();
      const after = await request(server.url).get('/.backstage/health/v1/readiness');
      expect(after.status).toBe(503);
      expect(after.body).toEqual({ status: 'error', message: 'Backend is shutting down' });
      await request(server.url).get('/.backstage/health/v1/liveness').expect(200);
      await draining;
    } finally {
      await server.stop();
    }
  });

  it('needs no credentials even when every plugin route is default-deny', async () => {
    const server = await startTestServer();
    server.addPlugin('catalog', (router) => router.use((_req, res) => res.send('secret')));
    await server.start();
    try {
      await request(server.url).get('/api/catalog/anything').expect(401);
      await request(server.url).get('/.backstage/health/v1/liveness').expect(200);
      await request(server.url).get('/.backstage/health/v1/readiness').expect(200);
    } finally {
      await server.stop();
    }
  });

  it('cannot be shadowed by a mounted route', async () => {
    const server = await startTestServer();
    try {
      expect(() => server.root.use('/.backstage', (_req, res) => res.send('mine'))).toThrow(
        "path '/.backstage' overlaps the already mounted path '/.backstage/health' (reserved by the server itself)",
      );
    } finally {
      await server.stop();
    }
  });
});
