import * as http from 'http';
import * as net from 'net';
import * as https from 'https';
import { readFileSync } from 'fs';
import { join } from 'path';
import express, { Router } from 'express';
import request from 'supertest';
import { AuthenticationError, ConflictError, InputError, NotAllowedError, NotFoundError } from '../../../../framework/api';
import { RequestTracker } from '../../../../framework/services/rootHttpRouter';
import { startTestServer, type TestServer } from '../httpHarness';

describe('rootHttpRouter over real HTTP', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
  });

  async function withRoute(path: string, router: Router, config = {}) {
    server = await startTestServer(config);
    server.root.use(path, router);
    await server.start();
    return server;
  }

  it('serves mounted paths and exposes the bound port when listening on port 0', async () => {
    const r = Router();
    r.get('/hello', (_req, res) => res.json({ hello: 'world' }));
    await withRoute('/things', r);
    const { port } = server.root.address();
    expect(port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    const res = await request(server.url).get('/things/hello');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hello: 'world' });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('listens with the string form of backend.listen', async () => {
    server = await startTestServer({ backend: { listen: '127.0.0.1:0' } });
    expect(server.root.address().port).toBeGreaterThan(0);
    await request(server.url).get('/.backstage/health/v1/liveness').expect(200);
  });

  it('answers unknown routes with a JSON 404', async () => {
    await withRoute('/things', Router());
    const res = await request(server.url).get('/nowhere?x=1');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      error: { name: 'NotFoundError', message: 'No route for GET /nowhere' },
      request: { method: 'GET', url: '/nowhere?x=1' },
      response: { statusCode: 404 },
    });
  });

  it.each([
    [NotFoundError, 404],
    [InputError, 400],
    [AuthenticationError, 401],
    [NotAllowedError, 403],
    [ConflictError, 409],
  ])('maps a thrown %p to status %i with the JSON error body', async (ErrorClass, status) => {
    const r = Router();
    r.post('/fail', () => {
      throw new ErrorClass('it went wrong');
    });
    await withRoute('/svc', r);
    const res = await request(server.url).post('/svc/fail');
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      error: { name: ErrorClass.name, message: 'it went wrong' },
      request: { method: 'POST', url: '/svc/fail' },
      response: { statusCode: status },
    });
  });

  it('maps unknown errors (also from async handlers via next) to 500 without a stack trace, and logs them', async () => {
    const r = Router();
    r.get('/boom', (_req, _res, next) => {
      Promise.reject(new TypeError('undefined is not a function')).catch(next);
    });
    await withRoute('/svc', r);
    const res = await request(server.url).get('/svc/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: { name: 'TypeError', message: 'undefined is not a function' },
      request: { method: 'GET', url: '/svc/boom' },
      response: { statusCode: 500 },
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.stringify(res.body)).not.toContain('at ');
    const message = `Request failed: GET /svc/boom 500 (request id ${res.body.requestId})`;
    expect(server.logger.lines.some((l) => l.level === 'error' && l.message === message)).toBe(true);
  });

  it('includes stack traces when NODE_ENV=development', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const r = Router();
      r.get('/boom', () => {
        throw new InputError('bad');
      });
      await withRoute('/svc', r);
    } finally {
      process.env.NODE_ENV = previous;
    }
    const res = await request(server.url).get('/svc/boom');
    expect(res.status).toBe(400);
    expect(res.body.error.stack).toContain('InputError: bad');
  });

  it('logs each request at debug level with method, path (without the query), status and duration', async () => {
    const r = Router();
    r.get('/ok', (_req, res) => res.status(201).send('made'));
    await withRoute('/svc', r, { backend: { logging: { level: 'debug' } } });
    await request(server.url).get('/svc/ok?token=abc').expect(201);
    const line = server.logger.lines.find((l) => l.level === 'debug' && l.message.startsWith('GET /svc/ok 201 '));
    expect(line).toBeDefined();
    expect(line!.meta).toEqual(
      expect.objectContaining({ type: 'incomingRequest', method: 'GET', path: '/svc/ok', status: 201, durationMs: expect.any(Number) }),
    );
    expect(JSON.stringify(server.logger.lines)).not.toContain('token=abc');
  });

  it('writes no request lines when the configured level is above debug and the logger cannot report its level', async () => {
    const r = Router();
    r.get('/ok', (_req, res) => res.send('ok'));
    await withRoute('/svc', r, { backend: { logging: { level: 'info' } } });
    await request(server.url).get('/svc/ok').expect(200);
    expect(server.logger.lines.filter((l) => l.message.startsWith('GET /svc/ok'))).toEqual([]);
  });

  it('runs a configure callback that assembles the app around the defaults', async () => {
    server = await startTestServer(
      {},
      {
        configure({ app, applyDefaults }) {
          app.use((_req, res, next) => {
            res.setHeader('x-custom', 'yes');
            next();
          });
          applyDefaults();
        },
      },
    );
    const res = await request(server.url).get('/.backstage/health/v1/liveness');
    expect(res.status).toBe(200);
    expect(res.headers['x-custom']).toBe('yes');
  });

  it('serves HTTPS with a certificate given in config', async () => {
    const cert = readFileSync(join(__dirname, 'fixtures/localhost.crt'), 'utf8');
    const key = readFileSync(join(__dirname, 'fixtures/localhost.key'), 'utf8');
    const r = Router();
    r.get('/secure', (req, res) => res.json({ secure: req.secure }));
    await withRoute('/svc', r, { backend: { https: { certificate: { cert, key } } } });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${server.url}/svc/secure`, { ca: cert }, (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve(data));
        })
        .on('error', reject);
    });
    expect(JSON.parse(body)).toEqual({ secure: true });
  });

  it('names the port when it is taken', async () => {
    server = await startTestServer();
    const { port } = server.root.address();
    await expect(startTestServer({ backend: { listen: { host: '127.0.0.1', port } } })).rejects.toThrow(
      `HTTP server could not listen on 127.0.0.1:${port}: another process uses it; set backend.listen.port to a free port`,
    );
  });
});

describe('graceful shutdown', () => {
  // Stopped here too, so a failed assertion cannot leave a server (and jest) running; stop() is a no-op once stopped.
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
  });

  it('drains: stops accepting, answers new requests on open connections with 503, lets the in-flight one finish', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const r = Router();
    r.get('/slow', async (_req, res) => {
      entered();
      await released;
      res.json({ done: true });
    });
    r.get('/fast', (_req, res) => res.json({ fast: true }));
    server = await startTestServer();
    server.root.use('/svc', r);
    await server.start();

    const slow = request(server.url).get('/svc/slow');
    const slowDone = slow.then((res) => res);
    await inHandler;
    // A second connection is half-way through sending its request when the drain begins.
    const socket = net.connect(server.root.address().port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.write('GET /svc/fast HTTP/1.1\r\nHost: test\r\n', () => resolve()));

    const draining = server.rootLifecycle.beforeShutdown();
    expect((await server.health.getReadiness()).status).toBe(503);
    socket.write('\r\n');
    // The listener is closed: a new connection is refused, which a load balancer retries elsewhere.
    const refused = await request(server.url)
      .get('/svc/fast')
      .then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code,
      );
    expect(refused).toBe('ECONNREFUSED');
    await ended;
    expect(received).toMatch(/^HTTP\/1\.1 503 /);
    expect(received).toMatch(/\r\nConnection: close\r\n/i);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { name: 'ServiceUnavailableError', message: 'Service is shutting down' },
      request: { method: 'GET', url: '/svc/fast' },
      response: { statusCode: 503 },
    });

    release();
    const finished = await slowDone;
    expect(finished.status).toBe(200);
    expect(finished.headers.connection).toBe('close');
    expect(finished.body).toEqual({ done: true });
    // An expected 503 of a shutdown is not an error in the logs.
    expect(server.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    await draining;
    await server.rootLifecycle.shutdown();
    expect(server.root.server.server.listening).toBe(false);
  });

  it('keeps serving for backend.lifecycle.serverShutdownDelay with readiness red, each response saying Connection: close', async () => {
    const r = Router();
    r.get('/fast', (_req, res) => res.json({ fast: true }));
    const delayMs = 3000;
    server = await startTestServer({ backend: { lifecycle: { serverShutdownDelay: `${delayMs}ms` } } });
    server.root.use('/svc', r);
    await server.start();
    const agent = new http.Agent({ keepAlive: true });
    const get = (path: string) =>
      new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        http
          .get(`${server.url}${path}`, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          })
          .on('error', reject);
      });
    try {
      expect(await get('/svc/fast')).toEqual({ status: 200, connection: 'keep-alive' });

      const drainBegan = Date.now();
      const draining = server.rootLifecycle.beforeShutdown();
      expect((await server.health.getReadiness()).status).toBe(503);
      // Asked until the listener closes. How many answers come depends on the machine (a stalled test process may
      // see none), so what is asserted is that each answer is the draining one and that the listener did not close
      // before the delay was over (a stall only makes that moment look later).
      const answers: Array<{ path: string; status: number; connection?: string }> = [];
      let refusal: { code?: string; afterMs: number } | undefined;
      for (let i = 0; !refusal; i++) {
        const path = i % 2 === 0 ? '/.backstage/health/v1/readiness' : '/svc/fast';
        await get(path).then(
          (answer) => answers.push({ path, ...answer }),
          (error: NodeJS.ErrnoException) => (refusal = { code: error.code, afterMs: Date.now() - drainBegan }),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const answer of answers) {
        expect(answer).toEqual({ path: answer.path, status: answer.path === '/svc/fast' ? 200 : 503, connection: 'close' });
      }
      // A connection racing the close may be reset rather than refused.
      expect(['ECONNREFUSED', 'ECONNRESET']).toContain(refusal!.code);
      // Less a few ms: the timer and Date.now() read different clocks.
      expect(refusal!.afterMs).toBeGreaterThanOrEqual(delayMs - 50);
      await draining;
      await expect(get('/svc/fast')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      agent.destroy();
    }
  });

  it('stops waiting after backend.lifecycle.serverShutdownTimeout and cuts the stuck request', async () => {
    const r = Router();
    let entered!: () => void;
    const inHandler = new Promise<void>((res) => (entered = res));
    r.get('/stuck', () => entered());
    server = await startTestServer({ backend: { lifecycle: { serverShutdownTimeout: '50ms' } } });
    server.root.use('/svc', r);
    await server.start();
    const stuck = request(server.url)
      .get('/svc/stuck')
      .then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code,
      );
    await inHandler;
    await server.rootLifecycle.beforeShutdown();
    expect(server.logger.lines.some((l) => l.level === 'warn' && l.message.includes('1 request(s) still in flight after 50ms'))).toBe(true);
    await server.rootLifecycle.shutdown();
    expect(await stuck).toBe('ECONNRESET');
  });

  it('does not let an idle keep-alive connection hold shutdown open', async () => {
    server = await startTestServer();
    await server.start();
    const agent = new http.Agent({ keepAlive: true });
    let socketClosed!: Promise<void>;
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${server.url}/.backstage/health/v1/liveness`, { agent }, (res) => {
          expect(res.headers.connection).toBe('keep-alive');
          const socket = res.socket;
          socketClosed = new Promise((closed) => socket.once('close', () => closed()));
          res.resume();
          res.on('end', () => resolve());
        })
        .on('error', reject);
    });
    // The response is complete and the socket stays open for reuse: exactly what used to hold servers open.
    await server.stop();
    await socketClosed;
    agent.destroy();
  });
});

describe('request logging cost', () => {
  it('skips the log line when a logger that reports its levels has debug off, and writes it when on', async () => {
    const lines: string[] = [];
    let debugOn = false;
    const logger = {
      error() {},
      warn() {},
      info() {},
      debug(message: string) {
        lines.push(message);
      },
      child: () => logger,
      isLevelEnabled: (level: string) => level !== 'debug' || debugOn,
    };
    const app = express();
    app.use(new RequestTracker({ showStackTraces: false, logger, requestLogger: logger }).middleware());
    app.get('/x', (_req, res) => res.send('ok'));
    await request(app).get('/x').expect(200);
    expect(lines).toEqual([]);

    debugOn = true;
    const app2 = express();
    app2.use(new RequestTracker({ showStackTraces: false, logger, requestLogger: logger }).middleware());
    app2.get('/x', (_req, res) => res.send('ok'));
    await request(app2).get('/x').expect(200);
    expect(lines).toEqual([expect.stringMatching(/^GET \/x 200 \d+\.\dms$/)]);
  });
});
