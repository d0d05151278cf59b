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
  /**
   * The files of a tree: a local directory (absolute path or file URL), or a tar archive (gzip or not) at an http(s)
   * URL. Throws NotModifiedError when nothing the filter keeps changed since `etag`.
   */
  readTree(url: string, options?: UrlReaderServiceReadTreeOptions): Promise<UrlReaderServiceReadTreeResponse>;
}

export interface UrlReaderServiceReadTreeOptions {
  /** Which files to keep, by path relative to the tree's root (forward slashes, no leading '/'); default all. */
  filter?(path: string, info?: { size: number }): boolean;
  /** When the tree still has this etag, readTree throws NotModifiedError. */
  etag?: string;
  signal?: AbortSignal;
}

export interface UrlReaderServiceReadTreeResponseFile {
  /** Relative to the tree's root, forward slashes, no leading '/'. */
  path: string;
  content(): Promise<Buffer>;
  lastModifiedAt?: Date;
}

export interface UrlReaderServiceReadTreeResponseDirOptions {
  /** Where to write the files (created when missing); default a new directory under `backend.workingDirectory` or the OS temp directory. */
  targetDir?: string;
}

export interface UrlReaderServiceReadTreeResponse {
  files(): Promise<UrlReaderServiceReadTreeResponseFile[]>;
  /** The files as an uncompressed tar archive. */
  archive(): Promise<NodeJS.ReadableStream>;
  /** Writes the files into a directory and returns its path; the caller removes it when done. */
  dir(options?: UrlReaderServiceReadTreeResponseDirOptions): Promise<string>;
  etag: string;
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
