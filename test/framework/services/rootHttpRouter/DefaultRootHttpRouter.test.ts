import * as http from 'http';
import type { AddressInfo } from 'net';
import express from 'express';
import request from 'supertest';
import { DefaultRootHttpRouter } from '../../../../framework/services/rootHttpRouter';

const noop = () => {};

describe('DefaultRootHttpRouter.use', () => {
  it('rejects empty paths and the root path', () => {
    const router = new DefaultRootHttpRouter();
    expect(() => router.use('', noop)).toThrow(
      `rootHttpRouter.use: the path may not be empty or '/', got ""; mount under a prefix such as '/api/my-plugin'`,
    );
    expect(() => router.use('/', noop)).toThrow("the path may not be empty or '/'");
    expect(() => router.use('api/a', noop)).toThrow("rootHttpRouter.use: the path 'api/a' must start with '/', e.g. '/api/a'");
  });

  it('rejects a path overlapping an existing one, naming both', () => {
    const router = new DefaultRootHttpRouter();
    router.use('/api/a', noop);
    expect(() => router.use('/api/a/b', noop)).toThrow(
      "rootHttpRouter.use: path '/api/a/b' overlaps the already mounted path '/api/a'; mounted paths may not be equal or contain one another",
    );
    expect(() => router.use('/api', noop)).toThrow("path '/api' overlaps the already mounted path '/api/a'");
    expect(() => router.use('/api/a/', noop)).toThrow("path '/api/a' overlaps the already mounted path '/api/a'");
    // Matching is case-insensitive (as in express), so paths differing only in case overlap too.
    expect(() => router.use('/API/A', noop)).toThrow("path '/API/A' overlaps the already mounted path '/api/a'");
  });

  it('allows siblings that only share a string prefix', () => {
    const router = new DefaultRootHttpRouter();
    router.use('/api/a', noop);
    router.use('/api/ab', noop);
    router.use('/api/b', noop);
    expect(router.paths()).toEqual(['/api/a', '/api/ab', '/api/b']);
  });

  it('protects reserved paths', () => {
    const router = new DefaultRootHttpRouter(['/.backstage/health']);
    expect(() => router.use('/.backstage', noop)).toThrow(
      "path '/.backstage' overlaps the already mounted path '/.backstage/health' (reserved by the server itself)",
    );
  });

  it('rejects a handler that is not a function', () => {
    const router = new DefaultRootHttpRouter();
    expect(() => router.use('/x', {} as never)).toThrow(
      "rootHttpRouter.use('/x'): the handler must be an express handler or router, got object",
    );
  });
});

describe('DefaultRootHttpRouter dispatch (express mount semantics)', () => {
  function appWith(router: DefaultRootHttpRouter) {
    const app = express();
    app.use(router.handler());
    app.use((req, res) => res.status(404).json({ fellThrough: true, url: req.url, baseUrl: req.baseUrl, originalUrl: req.originalUrl }));
    return app;
  }
  const echo: express.Handler = (req, res) => res.json({ url: req.url, baseUrl: req.baseUrl, originalUrl: req.originalUrl });

  it('strips the mount path from req.url and sets req.baseUrl', async () => {
    const router = new DefaultRootHttpRouter();
    router.use('/api/todo', echo);
    const app = appWith(router);
    await request(app)
      .get('/api/todo/items/1?x=1')
      .expect(200, { url: '/items/1?x=1', baseUrl: '/api/todo', originalUrl: '/api/todo/items/1?x=1' });
    await request(app).get('/api/todo').expect(200, { url: '/', baseUrl: '/api/todo', originalUrl: '/api/todo' });
    await request(app).get('/api/todo?x=1').expect(200, { url: '/?x=1', baseUrl: '/api/todo', originalUrl: '/api/todo?x=1' });
    await request(app).get('/API/Todo/items').expect(200, { url: '/items', baseUrl: '/API/Todo', originalUrl: '/API/Todo/items' });
  });

  it('only matches whole path segments', async () => {
    const router = new DefaultRootHttpRouter();
    router.use('/api/todo', echo);
    const res = await request(appWith(router)).get('/api/todos');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ fellThrough: true, url: '/api/todos', baseUrl: '', originalUrl: '/api/todos' });
  });

  it('restores req.url and req.baseUrl when the mounted handler passes the request on', async () => {
    const router = new DefaultRootHttpRouter();
    const inner = express.Router();
    inner.get('/known', (_req, res) => res.send('known'));
    router.use('/api/todo', inner);
    const app = appWith(router);
    await request(app).get('/api/todo/known').expect(200, 'known');
    await request(app)
      .get('/api/todo/unknown?q=2')
      .expect(404, { fellThrough: true, url: '/api/todo/unknown?q=2', baseUrl: '', originalUrl: '/api/todo/unknown?q=2' });
    await request(app).get('/api/todo').expect(404, { fellThrough: true, url: '/api/todo', baseUrl: '', originalUrl: '/api/todo' });
  });

  it('passes errors of mounted handlers on to the error handlers', async () => {
    const router = new DefaultRootHttpRouter();
    router.use('/boom', () => {
      throw new Error('sync failure');
    });
    const app = express();
    app.use(router.handler());
    app.use(((err, req, res, _next) => res.status(500).json({ message: err.message, url: req.url })) as express.ErrorRequestHandler);
    await request(app).get('/boom/x').expect(500, { message: 'sync failure', url: '/boom/x' });
  });

  it('routes absolute-form request targets like express', async () => {
    const router = new DefaultRootHttpRouter();
    router.use('/api/todo', echo);
    const server = appWith(router).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: `http://127.0.0.1:${port}/api/todo/items` }, (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve(data));
        });
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(body)).toEqual({
        url: `http://127.0.0.1:${port}/items`,
        baseUrl: '/api/todo',
        originalUrl: `http://127.0.0.1:${port}/api/todo/items`,
      });
    } finally {
      server.close();
    }
  });
});
