import { createHash } from 'crypto';
import { Readable } from 'stream';
import { coreServices, createServiceFactory, NotFoundError, NotModifiedError } from '../../api';
import type { UrlReaderService, UrlReaderServiceReadUrlResponse } from '../../api';
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
  return {
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
}
urlReader.factory = (options: MockUrlReaderOptions = {}) => {
  const instance = urlReader(options);
  return createServiceFactory({ service: coreServices.urlReader, deps: {}, factory: () => instance });
};
urlReader.mock = createServiceMock<UrlReaderService>(coreServices.urlReader, ['readUrl']);

export const mockUrlReader = urlReader;
