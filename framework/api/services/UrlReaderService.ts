import type { Readable } from 'stream';

export interface UrlReaderServiceReadUrlOptions {
  /** When the content still has this etag, readUrl throws NotModifiedError. */
  etag?: string;
  signal?: AbortSignal;
}

export interface UrlReaderServiceReadUrlResponse {
  buffer(): Promise<Buffer>;
  stream(): Readable;
  etag?: string;
  lastModifiedAt?: Date;
}

/** Reads http(s) URLs and files that `backend.reading.allow` permits; anything else is refused. */
export interface UrlReaderService {
  readUrl(url: string, options?: UrlReaderServiceReadUrlOptions): Promise<UrlReaderServiceReadUrlResponse>;
}
