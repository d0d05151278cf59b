import { Readable } from 'stream';
import type { ReadableStream as WebReadableStream } from 'stream/web';
import { NotFoundError, NotModifiedError, type UrlReaderServiceReadUrlOptions, type UrlReaderServiceReadUrlResponse } from '../../api';
import { readOnce } from './readOnce';

const MAX_REDIRECTS = 5;

/**
 * Reads an http(s) URL with Node's fetch. Redirects are followed by hand so every hop passes the
 * allow-list check: an allowed host must not be able to bounce the reader to a forbidden one.
 */
export async function readHttp(
  url: URL,
  options: UrlReaderServiceReadUrlOptions,
  assertAllowed: (url: URL) => void,
): Promise<UrlReaderServiceReadUrlResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    assertAllowed(current);
    const response = await fetch(current, {
      headers: options.etag ? { 'If-None-Match': options.etag } : {},
      redirect: 'manual',
      signal: options.signal,
    }).catch((error: Error) => {
      if (error.name === 'AbortError') {
        throw error;
      }
      // fetch says only 'fetch failed'; the cause (ECONNREFUSED, ENOTFOUND, ...) is what helps.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`Could not read ${current}: ${cause?.code ?? cause?.message ?? error.message}`, { cause: error });
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) {
        throw new Error(`Could not read ${url}: more than ${MAX_REDIRECTS} redirects`);
      }
      current = new URL(location, current);
      continue;
    }
    const etag = response.headers.get('etag') ?? undefined;
    if (response.status === 304 || (options.etag !== undefined && response.ok && etag === options.etag)) {
      await response.body?.cancel();
      throw new NotModifiedError(`${url} is unchanged since etag ${options.etag}`);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      throw new NotFoundError(`Could not read ${url}: not found (HTTP 404)`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`Could not read ${url}: HTTP ${response.status} ${response.statusText}`);
    }
    const lastModified = response.headers.get('last-modified');
    return readOnce(
      url.toString(),
      {
        buffer: async () => Buffer.from(await response.arrayBuffer()),
        stream: () => (response.body ? Readable.fromWeb(response.body as WebReadableStream) : Readable.from([])),
      },
      { etag, lastModifiedAt: lastModified ? new Date(lastModified) : undefined },
    );
  }
}
