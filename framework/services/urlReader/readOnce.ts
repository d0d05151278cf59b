import type { Readable } from 'stream';
import type { UrlReaderServiceReadUrlResponse } from '../../api';

/**
 * A response whose body can be taken once, as a buffer or as a stream; a second take fails clearly
 * instead of returning an empty or half-read body.
 */
export function readOnce(
  url: string,
  body: { buffer(): Promise<Buffer>; stream(): Readable },
  meta: { etag?: string; lastModifiedAt?: Date },
): UrlReaderServiceReadUrlResponse {
  let taken = false;
  const take = (how: string) => {
    if (taken) {
      throw new Error(`The body of ${url} was already read; call buffer() or stream() once per readUrl (${how} called again)`);
    }
    taken = true;
  };
  return {
    ...meta,
    async buffer() {
      take('buffer()');
      return body.buffer();
    },
    stream() {
      take('stream()');
      return body.stream();
    },
  };
}
