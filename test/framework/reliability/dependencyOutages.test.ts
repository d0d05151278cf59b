import knexFactory from 'knex';
import { CLOSED_PORT } from '../../support/freePort';
import { describeWithPostgres, describeWithRedis, postgresUrl, redisUrl, uniqueName } from '../../support/realServices';
import { startTcpProxy, type TcpProxy } from '../../support/tcpProxy';
import { until } from '../../support/until';
import { startChildBackend, type ChildBackend } from './childBackend';

/**
 * A real backend process (children/dataBackend.ts, NODE_ENV=production) whose Redis or PostgreSQL goes away: through
 * a port where nothing listens, or a TCP proxy the test cuts (a black hole) and restores. What is tested is that nothing
 * waits for the outage to end. Durations are not asserted (a loaded machine can stall either process for seconds):
 * the outage lasts until the test ends it, so an answer during it is the proof. A request with no answer after
 * HANG_MS, ten times the longest timeout configured here, is taken as one waiting for the outage to end.
 */
const HANG_MS = 20_000;

async function getJson(backend: ChildBackend, path: string) {
  try {
    const res = await fetch(`${backend.url}${path}`, { signal: AbortSignal.timeout(HANG_MS) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    throw new Error(`GET ${path} had no answer after ${HANG_MS} ms: it waits for the outage to end`);
  }
}

// Recovery comes within the cache's probe interval and the pool's retry, well under 10 s.
const recoveryWithin = { timeoutMs: 10_000, intervalMs: 100 };

describeWithRedis('Redis outage: cached routes keep answering', () => {
  it('answers 200 when nothing listens on the Redis port, with one warning for the whole outage', async () => {
    const backend = await startChildBackend('dataBackend.ts', {
      APP_CONFIG_backend_cache: JSON.stringify({ store: 'redis', connection: `redis://127.0.0.1:${CLOSED_PORT}`, commandTimeout: '500ms' }),
    });
    try {
      for (let i = 0; i < 10; i++) {
        const res = await getJson(backend, `/api/data/cached/k${i}`);
        expect(res).toMatchObject({ status: 200, body: { value: `computed-k${i}`, cached: false } });
      }
      const warnings = backend.lines.filter((l) => l.level === 'warn' && String(l.message).startsWith('Cache store Redis'));
      expect(warnings).toHaveLength(1);
      expect(backend.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      expect(await backend.stop()).toBe(0);
    }
  }, 30_000);

  it('answers 200 through a cut network, without waiting for it to end, and uses the cache again once it is restored', async () => {
    const target = new URL(redisUrl!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const auth = target.password ? `${target.username}:${target.password}@` : '';
    const backend = await startChildBackend('dataBackend.ts', {
      APP_CONFIG_backend_cache: JSON.stringify({
        store: 'redis',
        connection: `redis://${auth}${proxy.address}`,
        commandTimeout: '500ms',
        retryInterval: '300ms',
      }),
    }).catch(async (error) => {
      await proxy.close();
      throw error;
    });
    const key = uniqueName('k');
    try {
      expect((await getJson(backend, `/api/data/cached/${key}`)).body).toEqual({ value: `computed-${key}`, cached: false });
      // A command that outlasts the 500 ms timeout on a loaded machine opens the circuit for a moment, as any outage
      // does; the cut below must begin with the cache in use, so wait for that rather than assume it.
      await until(async () => (await getJson(backend, `/api/data/cached/${key}`)).body.cached === true, 'the cache in use', recoveryWithin);
      const linesBeforeCut = backend.lines.length;

      proxy.cut();
      for (let i = 0; i < 5; i++) {
        const res = await getJson(backend, `/api/data/cached/${key}`);
        expect(res).toMatchObject({ status: 200, body: { value: `computed-${key}`, cached: false } });
      }

      proxy.restore();
      const fresh = uniqueName('k');
      // Once the background probe has closed the circuit, a value set is a value read.
      await until(
        async () => {
          await getJson(backend, `/api/data/cached/${fresh}`);
          return (await getJson(backend, `/api/data/cached/${fresh}`)).body.cached === true;
        },
        'a value set to be read from the cache again',
        recoveryWithin,
      );
      const cacheLines = backend.lines.slice(linesBeforeCut).filter((l) => String(l.message).startsWith('Cache store Redis'));
      // One warning when it went, one line when it came back. Later lines can only come from a Redis answer slower
      // than the 500 ms timeout on a loaded machine, never from the restore itself.
      expect(cacheLines.slice(0, 2).map((l) => l.level)).toEqual(['warn', 'info']);
      expect(cacheLines.slice(2).filter((l) => l.level === 'warn' && !String(l.message).includes('Command timed out'))).toEqual([]);
    } finally {
      proxy.restore(); // a backend failing this test may still wait on the black hole, which would hold its shutdown
      expect(await backend.stop()).toBe(0);
      await proxy.close();
    }
  }, 60_000);
});

describeWithPostgres('PostgreSQL outage: a JSON 503 without waiting for the outage to end, then full recovery', () => {
  let proxy: TcpProxy;
  const prefix = `${uniqueName('outage')}_`;
  afterAll(async () => {
    await proxy?.close();
    const admin = knexFactory({ client: 'pg', connection: postgresUrl! });
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [`${prefix}data`]);
    await admin.destroy();
  });

  it('answers 503 without internals while the network is cut, and 200 again once it is restored', async () => {
    const target = new URL(postgresUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const backend = await startChildBackend('dataBackend.ts', {
      APP_CONFIG_backend_database: JSON.stringify({
        client: 'pg',
        prefix,
        connection: {
          host: '127.0.0.1',
          port: proxy.port,
          user: decodeURIComponent(target.username) || 'postgres',
          ...(target.password ? { password: decodeURIComponent(target.password) } : {}),
          database: target.pathname.slice(1) || 'postgres',
          connectionTimeoutMillis: '1s',
          statement_timeout: '2s',
          query_timeout: '2s',
        },
        knexConfig: { acquireConnectionTimeout: '2s' },
      }),
    });
    try {
      expect(await getJson(backend, '/api/data/rows')).toMatchObject({ status: 200, body: { count: 3 } });

      proxy.cut();
      for (let i = 0; i < 3; i++) {
        const res = await getJson(backend, '/api/data/rows');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({
          error: {
            name: 'ServiceUnavailableError',
            message: 'A service this request needs (such as the database) is unavailable; try again later',
          },
          request: { method: 'GET', url: '/api/data/rows' },
          response: { statusCode: 503 },
          requestId: expect.any(String),
        });
      }
      expect(JSON.stringify(backend.lines)).toContain(`"requestId":"`);

      proxy.restore();
      await until(
        async () => (await getJson(backend, '/api/data/rows')).status === 200,
        'the rows route to answer 200 again',
        recoveryWithin,
      );
      expect(await getJson(backend, '/api/data/rows')).toMatchObject({ status: 200, body: { count: 3 } });
      expect(backend.process.exitCode).toBeNull();
    } finally {
      proxy.restore(); // a backend failing this test may still wait on the black hole, which would hold its shutdown
      expect(await backend.stop()).toBe(0);
    }
  }, 60_000);
});
