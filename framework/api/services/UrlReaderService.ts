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
  /**
   * The files a URL names: a glob over local files (`/dir/*.yaml`, or the same as a file URL), or one file (local or http(s));
   * a missing single file gives no files. http(s) URLs cannot hold patterns (a web server cannot be listed).
   */
  search(url: string, options?: UrlReaderServiceSearchOptions): Promise<UrlReaderServiceSearchResponse>;
}

export interface UrlReaderServiceSearchOptions {
  /** When nothing matched changed since this etag, search throws NotModifiedError. */
  etag?: string;
  signal?: AbortSignal;
}

export interface UrlReaderServiceSearchResponseFile {
  url: string;
  content(): Promise<Buffer>;
  lastModifiedAt?: Date;
}

export interface UrlReaderServiceSearchResponse {
  files: UrlReaderServiceSearchResponseFile[];
  etag: string;
}
