/**
 * urlReader.search, as the catalog's URL locations call it: patterns over allowed local directories, one file over
 * http(s), and the etag contract.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import type { AddressInfo } from 'net';
import { AllowListUrlReader } from '../../../../framework/services/urlReader';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { mockServices } from '../../../../framework/testing';

function tempTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-search-'));
  fs.mkdirSync(path.join(root, 'catalog', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(root, 'catalog', 'a.yaml'), 'a: 1');
  fs.writeFileSync(path.join(root, 'catalog', 'b.yaml'), 'b: 2');
  fs.writeFileSync(path.join(root, 'catalog', 'notes.txt'), 'skip');
  fs.writeFileSync(path.join(root, 'catalog', 'nested', 'c.yaml'), 'c: 3');
  return root;
}

function readerFor(allow: Array<{ host?: string; paths?: string[] }>): AllowListUrlReader {
  return AllowListUrlReader.fromConfig(new ConfigReader({ backend: { reading: { allow } } }));
}

describe('urlReader.search', () => {
  it('lists the local files a pattern matches, with their content, and answers NotModified for an unchanged etag', async () => {
    const root = tempTree();
    const reader = readerFor([{ paths: [root] }]);
    const result = await reader.search(path.join(root, 'catalog', '**', '*.yaml'));
    expect(result.files.map((f) => path.relative(root, f.url))).toEqual(['catalog/a.yaml', 'catalog/b.yaml', 'catalog/nested/c.yaml']);
    expect((await result.files[2].content()).toString()).toBe('c: 3');
    await expect(reader.search(path.join(root, 'catalog', '**', '*.yaml'), { etag: result.etag })).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    fs.writeFileSync(path.join(root, 'catalog', 'd.yaml'), 'd: 4');
    const after = await reader.search(pathToFileURL(path.join(root, 'catalog')).href + '/*.yaml', { etag: result.etag });
    expect(after.files.map((f) => path.basename(f.url))).toEqual(['a.yaml', 'b.yaml', 'd.yaml']);
  });

  it('refuses files outside the allowed directories, pattern or not', async () => {
    const root = tempTree();
    const reader = readerFor([{ paths: [path.join(root, 'catalog', 'nested')] }]);
    await expect(reader.search(path.join(root, 'catalog', '*.yaml'))).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect((await reader.search(path.join(root, 'catalog', 'nested', '*.yaml'))).files).toHaveLength(1);
  });

  it('reads one http(s) file, gives no files for a missing one, and refuses patterns on http(s)', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/catalog-info.yaml') res.writeHead(200, { etag: '"e1"' }).end('kind: Component');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const reader = readerFor([{ host }]);
      const one = await reader.search(`http://${host}/catalog-info.yaml`);
      expect(one.etag).toBe('"e1"');
      expect((await one.files[0].content()).toString()).toBe('kind: Component');
      expect(await reader.search(`http://${host}/missing.yaml`)).toEqual({ files: [], etag: '' });
      await expect(reader.search(`http://${host}/*.yaml`)).rejects.toThrow(/http\(s\) servers cannot be listed/);
      await expect(readerFor([]).search(`http://${host}/catalog-info.yaml`)).rejects.toMatchObject({ name: 'NotAllowedError' });
    } finally {
      server.close();
    }
  });

  it('mockServices.urlReader searches its data by pattern', async () => {
    const reader = mockServices.urlReader({ data: { 'https://x/a.yaml': 'a', 'https://x/sub/b.yaml': 'b', 'https://x/c.txt': 'c' } });
    expect((await reader.search('https://x/*.yaml')).files.map((f) => f.url)).toEqual(['https://x/a.yaml']);
    expect((await reader.search('https://x/**.yaml')).files.map((f) => f.url)).toEqual(['https://x/a.yaml', 'https://x/sub/b.yaml']);
    expect(await reader.search('https://x/none.yaml')).toEqual({ files: [], etag: '' });
  });
});
