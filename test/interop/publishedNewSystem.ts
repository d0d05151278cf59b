/**
 * The published new-system plugins of test/published-new-system (installed by .ci/run), the fixtures they read
 * (catalog files, a URL location, a built app, an echo server behind the proxy), and one config both backends get.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';
import type { JsonObject } from '../../framework';

const PREFIX_DIR = path.resolve(__dirname, '../published-new-system');
export const prefixInstalled = fs.existsSync(path.join(PREFIX_DIR, 'node_modules/@backstage/backend-defaults/package.json'));

if (!prefixInstalled) {
  const hint = 'run `npm ci --prefix test/published-new-system --ignore-scripts` (as .ci/run does)';
  if (process.env.CI) throw new Error(`test/published-new-system/node_modules is missing: ${hint}`);
  console.warn(`SKIPPED published new-system plugin tests: test/published-new-system/node_modules is missing; ${hint}`);
}

/** `require` as code inside the prefix would: its own copies of Backstage's packages. */
export const requireFromPrefix = createRequire(path.join(PREFIX_DIR, 'package.json'));

/** A token both backends accept as an external service caller (`backend.auth.externalAccess`, static). */
export const EXTERNAL_TOKEN = 'interop-static-token-0123456789abcdef';

export interface Fixtures {
  dir: string;
  echo: { server: http.Server; port: number };
  /** Stops the echo server and removes the directory (after the backends reading it have stopped). */
  close(): Promise<void>;
}

/**
 * The echo server answers `/echo/*` with what it received (the proxy's target) and serves `/catalog/*.yaml`
 * (a URL location); the directory holds a file location and a built app.
 */
export async function startFixtures(): Promise<Fixtures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-interop-'));
  writeCatalogFiles(dir);
  writeAppPackage(dir);
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/catalog/')) {
      const file = path.join(dir, 'served', path.basename(req.url));
      if (fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': 'text/yaml' }).end(fs.readFileSync(file));
        return;
      }
      res.writeHead(404).end('not found');
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body, authorization: req.headers.authorization ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    dir,
    echo: { server, port },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function writeCatalogFiles(dir: string) {
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: interop-service',
      '  description: A service the interop test registers from a file location',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: group:default/interop-team',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata:',
      '  name: interop-team',
      'spec:',
      '  type: team',
      '  children: []',
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(dir, 'served'));
  // A Template is only valid with the scaffolder entity model module installed.
  fs.writeFileSync(
    path.join(dir, 'served', 'templates.yaml'),
    [
      'apiVersion: scaffolder.backstage.io/v1beta3',
      'kind: Template',
      'metadata:',
      '  name: interop-template',
      '  title: Interop template',
      '  description: Registered from a URL location',
      'spec:',
      '  owner: group:default/interop-team',
      '  type: service',
      '  steps: []',
      '',
    ].join('\n'),
  );
}

/** A built frontend as `yarn build` leaves it; resolved through overridePackagePathResolution. */
function writeAppPackage(dir: string) {
  const root = path.join(dir, 'app');
  fs.mkdirSync(path.join(root, 'dist', 'static'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'interop-app', version: '1.0.0' }));
  fs.writeFileSync(path.join(root, 'dist', 'index.html'), '<!doctype html><title>interop</title><script src="/static/main.js"></script>');
  fs.writeFileSync(path.join(root, 'dist', 'static', 'main.js'), 'console.log("interop app");\n');
}

export type DatabaseChoice = { kind: 'sqlite' } | { kind: 'postgres'; url: string; prefix: string };

/** The config both systems start with; only the port (and database prefix) differ between the two backends. */
export function interopConfig(options: { port: number; fixtures: Fixtures; database: DatabaseChoice; userKey: string }): JsonObject {
  const { port, fixtures, database, userKey } = options;
  const echo = `http://127.0.0.1:${fixtures.echo.port}`;
  return {
    app: { baseUrl: 'http://localhost:3000', packageName: 'interop-app', disableConfigInjection: true },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database:
        database.kind === 'sqlite'
          ? { client: 'better-sqlite3', connection: ':memory:' }
          : { client: 'pg', connection: database.url, prefix: database.prefix },
      auth: {
        // The key Forklift's issueUserToken signs user tokens with; Backstage reads it as its legacy service key.
        keys: [{ secret: userKey }],
        externalAccess: [{ type: 'static', options: { token: EXTERNAL_TOKEN, subject: 'interop-test' } }],
      },
      // File locations are read by the catalog itself; the URL location goes through urlReader.search.
      reading: { allow: [{ host: `127.0.0.1:${fixtures.echo.port}` }] },
    },
    permission: { enabled: true },
    proxy: {
      endpoints: { '/echo': { target: `${echo}/echo`, credentials: 'dangerously-allow-unauthenticated' } },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'Location', 'Template'] }],
      locations: [
        { type: 'file', target: path.join(fixtures.dir, 'catalog-info.yaml') },
        { type: 'url', target: `${echo}/catalog/templates.yaml` },
      ],
    },
    search: {
      // Collated every few seconds, so the index catches up with the catalog however long its first processing takes.
      collators: { catalog: { schedule: { frequency: { seconds: 3 }, timeout: { minutes: 3 }, initialDelay: { seconds: 1 } } } },
    },
  };
}
