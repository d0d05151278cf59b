import { startChildBackend, type ChildBackend } from './childBackend';

/**
 * A real backend process (children/faultyBackend.ts, NODE_ENV=production) whose plugins throw from async handlers
 * in plain express Routers, leave rejected promises behind, or fail to boot. None of it may take the process down
 * or leak internals into responses, and every failure must be findable in the log.
 */
describe('one bad handler never takes the backend down', () => {
  let backend: ChildBackend;

  beforeAll(async () => {
    backend = await startChildBackend('faultyBackend.ts', { APP_CONFIG_backend_startup_default_onPluginBootFailure: 'continue' });
  }, 30_000);

  afterAll(async () => {
    if (backend) expect(await backend.stop()).toBe(0);
  });

  async function get(path: string, init?: RequestInit) {
    const res = await fetch(`${backend.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it.each(['native', 'legacy'])(
    'an async throw in the %s plugin answers a JSON 500, and the other plugins keep answering',
    async (plugin) => {
      const failed = await get(`/api/${plugin}/boom?access_token=very-secret-token`);
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({
        error: { name: 'InternalServerError', message: 'The request failed because of an internal error' },
        request: { method: 'GET', url: `/api/${plugin}/boom?access_token=very-secret-token` },
        response: { statusCode: 500 },
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(await get('/api/healthy/ping')).toEqual({ status: 200, body: { pong: true } });
      expect(await get(`/api/${plugin}/fine`)).toEqual({ status: 200, body: { fine: true } });

      // The log has what happened: the plugin it came from, and the request id the caller was given.
      await backend.waitForLine(
        (l) => l.plugin === plugin && String(l.message).startsWith('Unhandled promise rejection'),
        'the rejection line',
      );
      const line = await backend.waitForLine(
        (l) => String(l.message).includes(failed.body.requestId as string),
        `the log line with request id ${failed.body.requestId}`,
      );
      expect(line).toMatchObject({
        level: 'error',
        message: `Request failed: GET /api/${plugin}/boom 500 (request id ${failed.body.requestId})`,
      });
    },
  );

  it('keeps SQL, addresses and query strings out of responses and query strings out of the log; repeats are counted, not repeated', async () => {
    const failures = await Promise.all(Array.from({ length: 6 }, () => get('/api/native/boom?access_token=very-secret-token')));
    for (const failed of failures) {
      expect(failed.status).toBe(500);
      const text = JSON.stringify(failed.body);
      expect(text).not.toContain('native_secret_table');
      expect(text).not.toContain('10.9.8.7');
    }
    // Every failure of the native route so far (one in the first test, six here) shows in the log exactly once:
    // the first of each interval in full, the rest in the count of a summary line.
    const total = 7;
    const isFull = (l: Record<string, unknown>) => String(l.message).startsWith('Request failed: GET /api/native/boom 500');
    const isSummary = (l: Record<string, unknown>) =>
      String(l.message).includes('request(s) failed the same way') && String(l.message).includes('native_secret_table');
    const counted = () => backend.lines.filter(isFull).length + backend.lines.filter(isSummary).reduce((n, l) => n + Number(l.repeated), 0);
    await backend.waitForLine(() => counted() === total, 'a summary line for the repeated failures');
    expect(backend.lines.filter(isFull).length).toBeLessThan(total);
    const log = JSON.stringify(backend.lines);
    expect(log).toContain('native_secret_table'); // the full error is in the log, for the operator
    expect(log).not.toContain('very-secret-token');
  });

  it('logs rejections outside any request with their plugin, and keeps serving', async () => {
    await backend.waitForLine(
      (l) => l.plugin === 'native' && String(l.message).includes('timer started in init failed'),
      'the init rejection',
    );
    expect((await get('/api/native/background', { method: 'POST' })).status).toBe(202);
    await backend.waitForLine(
      (l) => l.plugin === 'native' && String(l.message).includes('background job of native failed'),
      'the late rejection',
    );
    expect(await get('/api/healthy/ping')).toEqual({ status: 200, body: { pong: true } });
    expect(backend.process.exitCode).toBeNull();
  });

  it('answers the routes of a plugin that failed to boot with 503 naming it, and reports it on the health endpoints', async () => {
    const res = await get('/api/broken/anything');
    expect(res).toEqual({
      status: 503,
      body: {
        error: {
          name: 'ServiceUnavailableError',
          message: "Plugin 'broken' failed to start; its routes are unavailable until it starts (see the backend's startup log)",
        },
        request: { method: 'GET', url: '/api/broken/anything' },
        response: { statusCode: 503 },
      },
    });
    expect(await get('/.backstage/health/v1/readiness')).toEqual({ status: 200, body: { status: 'ok', failedPlugins: ['broken'] } });
    expect(await get('/.backstage/health/v1/liveness')).toEqual({ status: 200, body: { status: 'ok', failedPlugins: ['broken'] } });
  });
});

describe('backend.health.failedPluginsMakeUnready', () => {
  it('turns readiness red while a plugin that failed to boot is left out', async () => {
    const backend = await startChildBackend('faultyBackend.ts', {
      APP_CONFIG_backend_startup_default_onPluginBootFailure: 'continue',
      APP_CONFIG_backend_health_failedPluginsMakeUnready: 'true',
    });
    try {
      const res = await fetch(`${backend.url}/.backstage/health/v1/readiness`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'error',
        message: 'Plugin(s) failed to start: broken (backend.health.failedPluginsMakeUnready)',
        failedPlugins: ['broken'],
      });
    } finally {
      expect(await backend.stop()).toBe(0);
    }
  }, 30_000);
});

describe('the legacy runtime (createServiceBuilder)', () => {
  it('answers an async throw in a plain express Router with a JSON 500 and keeps serving', async () => {
    const backend = await startChildBackend('legacyRuntimeBackend.ts');
    try {
      const failed = await fetch(`${backend.url}/api/boom`);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toMatchObject({
        error: { name: 'InternalServerError', message: 'The request failed because of an internal error' },
        response: { statusCode: 500 },
      });
      const ok = await fetch(`${backend.url}/api/ping`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ pong: true });
      await backend.waitForLine(
        (l) =>
          String(l.message).startsWith('Unhandled promise rejection in a request handler') &&
          String(l.message).includes('legacy runtime handler failed'),
        'the rejection line',
      );
      expect(backend.process.exitCode).toBeNull();
    } finally {
      expect(await backend.stop()).toBe(0);
    }
  }, 30_000);
});
