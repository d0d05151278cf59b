/**
 * The legacy sample, an old-style backend (makeCreateEnv, useHotMemoize, createServiceBuilder), runs unchanged
 * on the legacy runtime and serves real requests.
 */
import { startSample, type RunningSample } from '../support/sampleProcess';

let sample: RunningSample;

beforeAll(async () => {
  // Generous: tsx compiles the sample on start, which takes long on a loaded machine (several samples at once).
  sample = await startSample('sample-legacy-backend', { timeoutMs: 90000 });
}, 120000);

afterAll(async () => {
  await sample?.stop();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sample.url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('sample-legacy-backend on the legacy runtime', () => {
  it('serves the todo plugin with its own tables, errors included', async () => {
    const created = await call('POST', '/api/todo/todos', { title: 'write the migration guide' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'write the migration guide', done: false });
    const updated = await call('PUT', `/api/todo/todos/${created.body.id}`, { done: true });
    expect(updated.body).toMatchObject({ id: created.body.id, done: true });
    expect((await call('GET', '/api/todo/todos/999')).body.error).toEqual({ name: 'NotFoundError', message: 'No todo with id 999' });
    expect((await call('POST', '/api/todo/todos', { title: '' })).status).toBe(400);
  });

  it('calls one plugin from another through discovery with a server token', async () => {
    const summary = await call('GET', '/api/reports/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.total).toBeGreaterThanOrEqual(1);
  });

  it('serves config, cache, catalog processors, the health check and JSON 404s', async () => {
    expect((await call('GET', '/api/settings/greeting')).body).toEqual({ greeting: 'Hello from the settings plugin', cached: false });
    expect((await call('GET', '/api/settings/greeting')).body).toEqual({ greeting: 'Hello from the settings plugin', cached: true });
    const payments = await call('GET', '/api/catalog/entities/by-name/component/default/payments');
    expect(payments.body.spec.owner).toBe('group:default/platform');
    expect(await call('GET', '/healthcheck')).toEqual({ status: 200, body: { status: 'ok' } });
    const missing = await call('GET', '/api/nothing-here');
    expect(missing).toEqual({
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'No route for GET /api/nothing-here' },
        request: { method: 'GET', url: '/api/nothing-here' },
        response: { statusCode: 404 },
      },
    });
  });

  it('drains and exits 0 on SIGTERM', async () => {
    expect(await sample.stop()).toBe(0);
    expect(sample.output()).toContain('Received SIGTERM, shutting down');
  });
});
