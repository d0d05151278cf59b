import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import type { AddressInfo } from 'net';
import * as tar from 'tar';
import type { UrlReaderServiceReadTreeResponse } from '../../../../framework/api';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { AllowListUrlReader } from '../../../../framework/services/urlReader';
import { mockServices } from '../../../../framework/testing';

const temporary: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
afterAll(() => temporary.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
}

/** path -> content of every file, as files() gives them. */
async function contents(response: UrlReaderServiceReadTreeResponse): Promise<Record<string, string>> {
  const files = await response.files();
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file.path, (await file.content()).toString()])));
}

/** path -> content of every file under a directory on disk. */
function onDisk(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** Unpacks archive() into a fresh directory with tar itself and returns what is in it. */
async function unpacked(response: UrlReaderServiceReadTreeResponse): Promise<Record<string, string>> {
  const into = tempDir('forklift-unpacked-');
  const stream = await response.archive();
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  const archive = Buffer.concat(chunks);
  // Uncompressed tar: "ustar" at offset 257 of the first header.
  expect(archive.subarray(257, 262).toString()).toBe('ustar');
  const file = path.join(tempDir('forklift-archive-'), 'tree.tar');
  fs.writeFileSync(file, archive);
  await tar.extract({ file, cwd: into });
  return onDisk(into);
}

const TREE = { 'README.md': '# docs', 'docs/index.md': 'index', 'docs/deep/page.md': 'page', '.hidden/config.yaml': 'a: 1' };

describe('urlReader.readTree over a local directory', () => {
  let allowed: string;
  let root: string;
  let reader: AllowListUrlReader;

  beforeEach(() => {
    allowed = tempDir('forklift-tree-allowed-');
    root = path.join(allowed, 'site');
    writeTree(root, TREE);
    reader = AllowListUrlReader.fromConfig(new ConfigReader({ backend: { reading: { allow: [{ paths: [allowed] }] } } }));
  });

  it('gives every file, by path relative to the directory, as files(), dir() and archive()', async () => {
    const response = await reader.readTree(root);
    expect(await contents(response)).toEqual(TREE);
    const files = await response.files();
    expect(files.map((f) => f.path).sort()).toEqual(Object.keys(TREE).sort());
    expect(files.find((f) => f.path === 'docs/index.md')?.lastModifiedAt?.getTime()).toBe(
      fs.statSync(path.join(root, 'docs', 'index.md')).mtime.getTime(),
    );

    const written = await response.dir();
    temporary.push(written);
    expect(written.startsWith(path.join(os.tmpdir(), 'forklift-tree-'))).toBe(true);
    expect(onDisk(written)).toEqual(TREE);

    const target = path.join(tempDir('forklift-target-'), 'nested', 'out');
    expect(await response.dir({ targetDir: target })).toBe(target);
    expect(onDisk(target)).toEqual(TREE);

    expect(await unpacked(response)).toEqual(TREE);
  });

  it('accepts a file URL and keeps only what the filter keeps, passing each relative path and size', async () => {
    const seen: Array<[string, number | undefined]> = [];
    const response = await reader.readTree(pathToFileURL(root).href, {
      filter: (file, info) => {
        seen.push([file, info?.size]);
        return file.startsWith('docs/');
      },
    });
    expect(await contents(response)).toEqual({ 'docs/index.md': 'index', 'docs/deep/page.md': 'page' });
    expect(await unpacked(response)).toEqual({ 'docs/index.md': 'index', 'docs/deep/page.md': 'page' });
    expect(seen.sort()).toEqual([
      ['.hidden/config.yaml', 4],
      ['README.md', 6],
      ['docs/deep/page.md', 4],
      ['docs/index.md', 5],
    ]);
  });

  it('throws NotModifiedError for an unchanged tree, and gives a new etag once a file changes', async () => {
    const first = await reader.readTree(root);
    await expect(reader.readTree(root, { etag: first.etag })).rejects.toMatchObject({ name: 'NotModifiedError' });
    fs.writeFileSync(path.join(root, 'docs', 'index.md'), 'index, edited');
    const second = await reader.readTree(root, { etag: first.etag });
    expect(second.etag).not.toBe(first.etag);
    expect((await contents(second))['docs/index.md']).toBe('index, edited');
    // A change the filter leaves out does not count.
    const docsOnly = { filter: (file: string) => file.startsWith('docs/') };
    const docs = await reader.readTree(root, docsOnly);
    fs.writeFileSync(path.join(root, 'README.md'), '# docs, edited');
    await expect(reader.readTree(root, { ...docsOnly, etag: docs.etag })).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('refuses directories outside the allow list, also through a symlink, and leaves symlinks inside out', async () => {
    const outside = tempDir('forklift-tree-outside-');
    writeTree(outside, { 'secret.txt': 'secret' });
    await expect(reader.readTree(outside)).rejects.toMatchObject({ name: 'NotAllowedError' });
    fs.symlinkSync(outside, path.join(allowed, 'escape'));
    await expect(reader.readTree(path.join(allowed, 'escape'))).rejects.toMatchObject({ name: 'NotAllowedError' });
    fs.symlinkSync(outside, path.join(root, 'linked-dir'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'linked-file'));
    expect(await contents(await reader.readTree(root))).toEqual(TREE);
  });

  it('says what is wrong with a missing path or a file', async () => {
    await expect(reader.readTree(path.join(allowed, 'nope'))).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Could not read the tree at ${path.join(fs.realpathSync(allowed), 'nope')}: no such directory`,
    });
    await expect(reader.readTree(path.join(root, 'README.md'))).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('not a directory (use readUrl for a single file)'),
    });
    await expect(reader.readTree('ftp://example.com/x')).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('makes its directories under backend.workingDirectory when set', async () => {
    const work = tempDir('forklift-work-');
    const configured = AllowListUrlReader.fromConfig(
      new ConfigReader({ backend: { workingDirectory: work, reading: { allow: [{ paths: [allowed] }] } } }),
    );
    const dir = await (await configured.readTree(root)).dir();
    expect(path.dirname(dir)).toBe(work);
    expect(onDisk(dir)).toEqual(TREE);
  });
});

describe('urlReader.readTree over http', () => {
  let server: http.Server;
  let base: string;
  let reader: AllowListUrlReader;
  const requests: Array<{ url?: string; ifNoneMatch?: string }> = [];
  let gzipped: Buffer;
  let plain: Buffer;
  let flat: Buffer;
  let escaping: Buffer;

  async function pack(files: Record<string, string>, entries: string[], gzip: boolean): Promise<Buffer> {
    const dir = tempDir('forklift-pack-');
    writeTree(dir, files);
    const chunks: Buffer[] = [];
    for await (const chunk of tar.create({ cwd: dir, gzip, portable: true }, entries)) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }

  beforeAll(async () => {
    // As code hosts and npm pack do: every file under one top-level directory.
    const prefixed = Object.fromEntries(Object.entries(TREE).map(([name, content]) => [`repo-1234/${name}`, content]));
    gzipped = await pack(prefixed, ['repo-1234'], true);
    plain = await pack(prefixed, ['repo-1234'], false);
    flat = await pack({ 'a.txt': 'a', 'b/c.txt': 'c' }, ['a.txt', 'b'], false);
    // An entry that climbs out of the tree, which tar.create never writes: one header, one data block, the end marker.
    const header = Buffer.alloc(512);
    new tar.Header({ path: '../ok.txt', mode: 0o644, size: 2, type: 'File', mtime: new Date(0) }).encode(header, 0);
    const data = Buffer.alloc(512);
    data.write('ok');
    escaping = Buffer.concat([header, data, Buffer.alloc(1024)]);

    server = http.createServer((req, res) => {
      requests.push({ url: req.url, ifNoneMatch: req.headers['if-none-match'] });
      const serve = (body: Buffer, etag?: string) => {
        if (etag && req.headers['if-none-match'] === etag) return res.writeHead(304).end();
        res.writeHead(200, etag ? { etag } : {}).end(body);
      };
      if (req.url === '/archives/repo.tar.gz') return serve(gzipped, '"commit-1234"');
      if (req.url === '/archives/repo.tar') return serve(plain);
      if (req.url === '/archives/flat.tar') return serve(flat);
      if (req.url === '/archives/escaping.tar') return serve(escaping);
      if (req.url === '/archives/moved.tar.gz') return res.writeHead(302, { location: '/archives/repo.tar.gz' }).end();
      if (req.url === '/archives/page.html') return serve(Buffer.from('<html>not an archive</html>'));
      if (req.url === '/archives/truncated.tar.gz') return serve(gzipped.subarray(0, Math.floor(gzipped.length / 2)));
      if (req.url === '/archives/truncated.tar') return serve(plain.subarray(0, 700));
      // Cut on a block boundary, between entries: only the missing end-of-archive blocks show it.
      if (req.url === '/archives/between.tar') return serve(plain.subarray(0, 3 * 512));
      if (req.url === '/archives/out') return res.writeHead(302, { location: `http://127.0.0.1:${port()}/secret.tar` }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = () => (server.address() as AddressInfo).port;
    base = `http://localhost:${port()}`;
    reader = AllowListUrlReader.fromConfig(
      new ConfigReader({ backend: { reading: { allow: [{ host: `localhost:${port()}`, paths: ['/archives'] }] } } }),
    );
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("reads a gzipped tarball from an allowed host, rooted at its one top-level directory, with the server's etag", async () => {
    const response = await reader.readTree(`${base}/archives/repo.tar.gz`);
    expect(response.etag).toBe('"commit-1234"');
    expect(await contents(response)).toEqual(TREE);
    expect(await unpacked(response)).toEqual(TREE);
    const dir = await response.dir();
    temporary.push(dir);
    expect(onDisk(dir)).toEqual(TREE);
  });

  it('sends the etag to the server and throws NotModifiedError on 304', async () => {
    requests.length = 0;
    await expect(reader.readTree(`${base}/archives/repo.tar.gz`, { etag: '"commit-1234"' })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    expect(requests).toEqual([{ url: '/archives/repo.tar.gz', ifNoneMatch: '"commit-1234"' }]);
    const changed = await reader.readTree(`${base}/archives/repo.tar.gz`, { etag: '"commit-0000"' });
    expect(changed.etag).toBe('"commit-1234"');
  });

  it('reads an uncompressed tarball without an etag header: its etag is a hash of the bytes', async () => {
    const response = await reader.readTree(`${base}/archives/repo.tar`, { filter: (file) => file.endsWith('.md') });
    expect(await contents(response)).toEqual({ 'README.md': '# docs', 'docs/index.md': 'index', 'docs/deep/page.md': 'page' });
    expect(response.etag).toMatch(/^"[0-9a-f]{32}"$/);
    await expect(reader.readTree(`${base}/archives/repo.tar`, { etag: response.etag })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    const flatTree = await reader.readTree(`${base}/archives/flat.tar`);
    expect(await contents(flatTree)).toEqual({ 'a.txt': 'a', 'b/c.txt': 'c' });
    expect(flatTree.etag).not.toBe(response.etag);
  });

  it('follows allowed redirects, and refuses hosts, paths and redirects outside the allow list', async () => {
    expect(await contents(await reader.readTree(`${base}/archives/moved.tar.gz`))).toEqual(TREE);
    await expect(reader.readTree(`${base}/other/repo.tar.gz`)).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(reader.readTree(`${base}/archives/out`)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('/secret.tar'),
    });
    await expect(reader.readTree(`${base}/archives/missing.tar.gz`)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('refuses a body that is not a tar archive, a cut-off archive, and an archive entry that leaves the tree', async () => {
    await expect(reader.readTree(`${base}/archives/page.html`)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(`Could not read the tree at ${base}/archives/page.html: it is not a readable tar archive`),
    });
    await expect(reader.readTree(`${base}/archives/truncated.tar.gz`)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(`Could not read the tree at ${base}/archives/truncated.tar.gz: its gzip data is broken or cut off`),
    });
    for (const cut of ['truncated.tar', 'between.tar']) {
      await expect(reader.readTree(`${base}/archives/${cut}`)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(`Could not read the tree at ${base}/archives/${cut}: it is not a readable tar archive`),
      });
    }
    await expect(reader.readTree(`${base}/archives/escaping.tar`)).rejects.toMatchObject({
      name: 'InputError',
      message: `Could not read the tree at ${base}/archives/escaping.tar: archive entry '../ok.txt' points outside the tree`,
    });
  });
});

describe('mockServices.urlReader readTree', () => {
  it('serves the data under a URL as a tree, with the filter and NotModifiedError', async () => {
    const reader = mockServices.urlReader({
      data: { 'https://x/repo/a.md': 'a', 'https://x/repo/sub/b.md': 'b', 'https://x/repo/c.txt': 'c', 'https://x/other': 'o' },
    });
    const response = await reader.readTree('https://x/repo', { filter: (file) => file.endsWith('.md') });
    expect(await contents(response)).toEqual({ 'a.md': 'a', 'sub/b.md': 'b' });
    await expect(reader.readTree('https://x/repo/', { filter: (file) => file.endsWith('.md'), etag: response.etag })).rejects.toMatchObject(
      { name: 'NotModifiedError' },
    );
    await expect(reader.readTree('https://x/none')).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
