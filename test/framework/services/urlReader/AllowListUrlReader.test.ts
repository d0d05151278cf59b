import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import type { AddressInfo } from 'net';
import { AllowListUrlReader } from '../../../../framework/services/urlReader';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { CLOSED_PORT } from '../../../support/freePort';

/** A local server: `/docs/*` serve content with an etag, `/redirect-out` bounces to a host that is not allowed. */
function startServer(): Promise<{ server: http.Server; port: number; requests: http.IncomingHttpHeaders[] }> {
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    if (req.url === '/docs/readme.md') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT' }).end('# hello');
      return;
    }
    if (req.url === '/docs/moved') {
      res.writeHead(302, { location: '/docs/readme.md' }).end();
      return;
    }
    if (req.url === '/docs/redirect-out') {
      res.writeHead(302, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/secret` }).end();
      return;
    }
    if (req.url === '/docs/broken') {
      res.writeHead(500).end('boom');
      return;
    }
    res.writeHead(404).end('missing');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, requests })),
  );
}

describe('AllowListUrlReader over http', () => {
  let server: http.Server;
  let port: number;
  let requests: http.IncomingHttpHeaders[];
  let reader: AllowListUrlReader;

  beforeAll(async () => {
    ({ server, port, requests } = await startServer());
    reader = AllowListUrlReader.fromConfig(
      new ConfigReader({ backend: { reading: { allow: [{ host: `localhost:${port}`, paths: ['/docs'] }] } } }),
    );
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reads an allowed URL as a buffer, with etag and lastModifiedAt', async () => {
    const response = await reader.readUrl(`http://localhost:${port}/docs/readme.md`);
    expect(response.etag).toBe('"v1"');
    expect(response.lastModifiedAt?.toISOString()).toBe('2015-10-21T07:28:00.000Z');
    expect((await response.buffer()).toString()).toBe('# hello');
    await expect(response.buffer()).rejects.toThrow(/already read/);
  });

  it('reads an allowed URL as a stream', async () => {
    const response = await reader.readUrl(`http://localhost:${port}/docs/readme.md`);
    const chunks: Buffer[] = [];
    for await (const chunk of response.stream()) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe('# hello');
  });

  it('sends the etag as If-None-Match and turns 304 into NotModifiedError', async () => {
    const before = requests.length;
    await expect(reader.readUrl(`http://localhost:${port}/docs/readme.md`, { etag: '"v1"' })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    expect(requests[before]['if-none-match']).toBe('"v1"');
    const changed = await reader.readUrl(`http://localhost:${port}/docs/readme.md`, { etag: '"v0"' });
    expect((await changed.buffer()).toString()).toBe('# hello');
  });

  it('turns 404 into NotFoundError and other failures into an error with the status', async () => {
    await expect(reader.readUrl(`http://localhost:${port}/docs/nothing`)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(reader.readUrl(`http://localhost:${port}/docs/broken`)).rejects.toThrow(/HTTP 500/);
  });

  it('follows a redirect that stays allowed', async () => {
    const response = await reader.readUrl(`http://localhost:${port}/docs/moved`);
    expect((await response.buffer()).toString()).toBe('# hello');
  });

  it('refuses a host, a port or a path the allow-list does not cover, naming the URL and the config key', async () => {
    const requestsBefore = requests.length;
    await expect(reader.readUrl(`http://127.0.0.1:${port}/docs/readme.md`)).rejects.toThrow(
      new RegExp(
        `Reading 'http://127\\.0\\.0\\.1:${port}/docs/readme\\.md' is not allowed; add \\{ host: '127\\.0\\.0\\.1:${port}'.*backend\\.reading\\.allow`,
      ),
    );
    await expect(reader.readUrl(`http://localhost:${port + 1}/docs/readme.md`)).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(reader.readUrl(`http://localhost:${port}/docs-private/x`)).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(reader.readUrl(`http://localhost:${port}/docs/../secret`)).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(requests.length).toBe(requestsBefore);
  });

  it('refuses a redirect to a host that is not allowed', async () => {
    await expect(reader.readUrl(`http://localhost:${port}/docs/redirect-out`)).rejects.toThrow(
      /redirected from .* is not allowed|is not allowed.*redirected/,
    );
  });

  it('names the URL and the cause when the server cannot be reached', async () => {
    const unreachable = AllowListUrlReader.fromConfig(
      new ConfigReader({ backend: { reading: { allow: [{ host: `127.0.0.1:${CLOSED_PORT}` }] } } }),
    );
    await expect(unreachable.readUrl(`http://127.0.0.1:${CLOSED_PORT}/x`)).rejects.toThrow(
      `Could not read http://127.0.0.1:${CLOSED_PORT}/x: ECONNREFUSED`,
    );
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(reader.readUrl(`http://localhost:${port}/docs/readme.md`, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('refuses other schemes and non-URLs', async () => {
    await expect(reader.readUrl('ftp://localhost/docs/x')).rejects.toThrow(/only http\(s\) URLs and files/);
    await expect(reader.readUrl('docs/readme.md')).rejects.toMatchObject({ name: 'InputError' });
    await expect(reader.readUrl('file://fileserver/share/x')).rejects.toThrow(/is not a local file URL/);
  });
});

describe('AllowListUrlReader for files', () => {
  let root: string;
  let allowed: string;
  let reader: AllowListUrlReader;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-urlreader-'));
    allowed = path.join(root, 'allowed');
    fs.mkdirSync(allowed);
    fs.writeFileSync(path.join(allowed, 'a.txt'), 'file content');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(allowed, 'link.txt'));
    reader = AllowListUrlReader.fromConfig(new ConfigReader({ backend: { reading: { allow: [{ paths: [allowed] }] } } }));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads a file under an allowed directory by file: URL and by path, with an etag', async () => {
    const byUrl = await reader.readUrl(pathToFileURL(path.join(allowed, 'a.txt')).href);
    expect((await byUrl.buffer()).toString()).toBe('file content');
    const byPath = await reader.readUrl(path.join(allowed, 'a.txt'));
    expect(byPath.etag).toBe(byUrl.etag);
    await expect(reader.readUrl(path.join(allowed, 'a.txt'), { etag: byUrl.etag })).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('gives NotFoundError for a missing file in an allowed directory', async () => {
    await expect(reader.readUrl(path.join(allowed, 'nope.txt'))).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('refuses files outside the allowed directories, through .. and through symlinks', async () => {
    await expect(reader.readUrl(path.join(root, 'secret.txt'))).rejects.toThrow(
      /is not allowed; add its directory .* to backend\.reading\.allow/,
    );
    await expect(reader.readUrl(`${allowed}/../secret.txt`)).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(reader.readUrl(path.join(allowed, 'link.txt'))).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses every file and URL when nothing is allowed', async () => {
    const closed = AllowListUrlReader.fromConfig(new ConfigReader({}));
    await expect(closed.readUrl(path.join(allowed, 'a.txt'))).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(closed.readUrl('https://example.com/x')).rejects.toMatchObject({ name: 'NotAllowedError' });
  });
});

describe('backend.reading.allow config errors', () => {
  it.each([
    [{ allow: { host: 'x' } }, /Invalid backend\.reading\.allow: expected a list/],
    [{ allow: [{}] }, /backend\.reading\.allow\[0\]: give a 'host'/],
    [{ allow: [{ host: 'http://x.com' }] }, /backend\.reading\.allow\[0\]\.host "http:\/\/x\.com"/],
    [{ allow: [{ host: 'x.com', paths: ['docs'] }] }, /paths entry 'docs': URL path prefixes start with '\/'/],
    [{ allow: [{ host: 'x.com', paths: 'docs' }] }, /backend\.reading\.allow\[0\]\.paths: expected a list/],
  ])('%j is rejected', (reading, message) => {
    expect(() => AllowListUrlReader.fromConfig(new ConfigReader({ backend: { reading } } as never))).toThrow(message);
  });

  it('matches subdomains with a *. host', async () => {
    const reader = AllowListUrlReader.fromConfig(new ConfigReader({ backend: { reading: { allow: [{ host: '*.example.invalid' }] } } }));
    // Allowed, so it gets as far as the network (which fails for .invalid); a refusal would be NotAllowedError.
    await expect(reader.readUrl('http://docs.example.invalid/x')).rejects.not.toMatchObject({ name: 'NotAllowedError' });
    await expect(reader.readUrl('http://example.invalid/x')).rejects.toMatchObject({ name: 'NotAllowedError' });
  });
});
