import { createHash } from 'crypto';
import { Readable } from 'stream';
import { coreServices, createServiceFactory, NotFoundError, NotModifiedError } from '../../api';
import type { UrlReaderService, UrlReaderServiceReadUrlResponse } from '../../api';
import { treeResponse } from '../../services/urlReader';
import { createServiceMock } from './createServiceMock';

export type MockUrlContent = string | Buffer | { body: string | Buffer; etag?: string; lastModifiedAt?: Date };

export interface MockUrlReaderOptions {
  /** Content by exact URL; anything else is NotFoundError. */
  data?: Record<string, MockUrlContent>;
}

/**
 * An in-memory URL reader with the real one's answers: NotFoundError for unknown URLs and NotModifiedError
 * when the caller's etag matches (by default a hash of the content).
 */
function urlReader(options: MockUrlReaderOptions = {}): UrlReaderService {
  const data = options.data ?? {};
  const reader: UrlReaderService = {
    /** Exact URLs, or a pattern (`*`, `**`, `?`) matched against the URLs in `data`. */
    async search(url, searchOptions = {}) {
      const matcher = globToRegExp(url);
      const urls = Object.keys(data)
        .filter((key) => matcher.test(key))
        .sort();
      const responses = await Promise.all(urls.map(async (key) => ({ key, response: await reader.readUrl(key) })));
      const etag = `"${createHash('sha1')
        .update(responses.map(({ key, response }) => `${key}\0${response.etag}`).join('\0'))
        .digest('hex')}"`;
      if (searchOptions.etag === etag) throw new NotModifiedError(`nothing matching ${url} changed since etag ${etag}`);
      return {
        etag: responses.length === 0 ? '' : etag,
        files: responses.map(({ key, response }) => ({
          url: key,
          content: () => response.buffer(),
          lastModifiedAt: response.lastModifiedAt,
        })),
      };
    },
    /** The URLs in `data` under `url` + '/', as files relative to it; NotFoundError when there are none. */
    async readTree(url, treeOptions = {}) {
      treeOptions.signal?.throwIfAborted();
      const root = url.endsWith('/') ? url : `${url}/`;
      const keys = Object.keys(data)
        .filter((key) => key.startsWith(root))
        .sort();
      if (keys.length === 0) {
        throw new NotFoundError(`mockServices.urlReader has no content under ${root}; pass files as { data: { '${root}file.txt': ... } }`);
      }
      const responses = await Promise.all(
        keys.map(async (key) => {
          const response = await reader.readUrl(key);
          return { path: key.slice(root.length), size: (await response.buffer()).length, response };
        }),
      );
      const files = responses.filter(({ path, size }) => treeOptions.filter?.(path, { size }) ?? true);
      const etag = `"${createHash('sha1')
        .update(files.map(({ path, response }) => `${path}\0${response.etag}`).join('\0'))
        .digest('hex')}"`;
      if (treeOptions.etag === etag) throw new NotModifiedError(`nothing under ${root} changed since etag ${etag}`);
      return treeResponse(
        files.map(({ path, response }) => ({ path, lastModifiedAt: response.lastModifiedAt, content: () => response.buffer() })),
        etag,
      );
    },
    async readUrl(url, readOptions = {}): Promise<UrlReaderServiceReadUrlResponse> {
      readOptions.signal?.throwIfAborted();
      const content = Object.prototype.hasOwnProperty.call(data, url) ? data[url] : undefined;
      if (content === undefined) {
        throw new NotFoundError(`mockServices.urlReader has no content for ${url}; pass it in { data: { '${url}': ... } }`);
      }
      const entry = typeof content === 'string' || Buffer.isBuffer(content) ? { body: content } : content;
      const body = Buffer.from(entry.body);
      const etag = entry.etag ?? `"${createHash('sha1').update(body).digest('hex')}"`;
      if (readOptions.etag === etag) {
        throw new NotModifiedError(`${url} is unchanged since etag ${etag}`);
      }
      return {
        etag,
        lastModifiedAt: entry.lastModifiedAt,
        buffer: async () => Buffer.from(body),
        stream: () => Readable.from([Buffer.from(body)]),
      };
    },
  };
  return reader;
}

function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*|\*|\?)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
urlReader.factory = (options: MockUrlReaderOptions = {}) => {
  const instance = urlReader(options);
  return createServiceFactory({ service: coreServices.urlReader, deps: {}, factory: () => instance });
};
urlReader.mock = createServiceMock<UrlReaderService>(coreServices.urlReader, ['readUrl', 'search', 'readTree']);

export const mockUrlReader = urlReader;
