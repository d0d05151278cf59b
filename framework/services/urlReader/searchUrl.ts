import crypto from 'crypto';
import path from 'path';
import { fileURLToPath } from 'url';
import fg from 'fast-glob';
import {
  InputError,
  NotModifiedError,
  type UrlReaderServiceReadUrlOptions,
  type UrlReaderServiceReadUrlResponse,
  type UrlReaderServiceSearchOptions,
  type UrlReaderServiceSearchResponse,
} from '../../api';
import { messageOf } from '../../wiring';

type ReadUrl = (url: string, options?: UrlReaderServiceReadUrlOptions) => Promise<UrlReaderServiceReadUrlResponse>;

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * `search` on top of `readUrl`, so every file goes through the same allow list: a URL without a pattern is one
 * file (none when missing); a local path or file URL with a pattern lists the files matching it.
 */
export async function searchUrl(
  readUrl: ReadUrl,
  url: string,
  options: UrlReaderServiceSearchOptions = {},
): Promise<UrlReaderServiceSearchResponse> {
  const localPath = toLocalPath(url);
  const pattern = localPath ?? safePathname(url);
  if (!GLOB_CHARS.test(pattern)) return searchOne(readUrl, url, options);
  if (localPath === undefined) {
    throw new InputError(
      `urlReader.search: '${url}' has a pattern, but http(s) servers cannot be listed; name one file, or use a local path`,
    );
  }
  return searchLocal(readUrl, localPath, options);
}

async function searchOne(readUrl: ReadUrl, url: string, options: UrlReaderServiceSearchOptions): Promise<UrlReaderServiceSearchResponse> {
  try {
    const response = await readUrl(url, options);
    return { files: [{ url, content: () => response.buffer(), lastModifiedAt: response.lastModifiedAt }], etag: response.etag ?? '' };
  } catch (error) {
    if ((error as { name?: unknown })?.name === 'NotFoundError') return { files: [], etag: '' };
    throw error;
  }
}

async function searchLocal(
  readUrl: ReadUrl,
  pattern: string,
  options: UrlReaderServiceSearchOptions,
): Promise<UrlReaderServiceSearchResponse> {
  options.signal?.throwIfAborted();
  // fast-glob takes forward slashes on every platform.
  const matches = (await fg(pattern.split(path.sep).join('/'), { onlyFiles: true, absolute: true, dot: false })).sort();
  // Each file is read through readUrl: the allow list applies to it, and its etag feeds the combined one.
  const files = await Promise.all(matches.map(async (file) => ({ file, response: await readUrl(file, { signal: options.signal }) })));
  const hash = crypto.createHash('sha256');
  for (const { file, response } of files) hash.update(`${file}\0${response.etag ?? ''}\0`);
  const etag = `"${hash.digest('hex').slice(0, 32)}"`;
  if (options.etag === etag) throw new NotModifiedError(`No file matching ${pattern} changed since etag ${etag}`);
  return {
    etag,
    files: files.map(({ file, response }) => ({ url: file, content: () => response.buffer(), lastModifiedAt: response.lastModifiedAt })),
  };
}

function toLocalPath(url: string): string | undefined {
  if (path.isAbsolute(url) && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)) return url;
  if (url.startsWith('file:')) {
    try {
      return fileURLToPath(url);
    } catch (error) {
      throw new InputError(`urlReader.search: '${url}' is not a local file URL (${messageOf(error)})`);
    }
  }
  return undefined;
}

function safePathname(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    throw new InputError(`urlReader.search: '${url}' is neither an absolute URL nor an absolute file path`);
  }
}
