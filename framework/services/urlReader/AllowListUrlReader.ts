import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import {
  InputError,
  NotAllowedError,
  type Config,
  type UrlReaderService,
  type UrlReaderServiceReadUrlOptions,
  type UrlReaderServiceReadUrlResponse,
  type UrlReaderServiceSearchOptions,
  type UrlReaderServiceSearchResponse,
} from '../../api';
import { ALLOW_KEY, isFileAllowed, isUrlAllowed, readAllowList, type ReadingAllowList } from './readingAllowList';
import { readFile } from './readFile';
import { readHttp } from './readHttp';
import { messageOf } from '../../wiring';
import { searchUrl } from './searchUrl';

/** Reads http(s) URLs and local files that `backend.reading.allow` permits, and refuses everything else. */
export class AllowListUrlReader implements UrlReaderService {
  static fromConfig(config: Config): AllowListUrlReader {
    return new AllowListUrlReader(readAllowList(config));
  }

  readonly #allowList: ReadingAllowList;

  constructor(allowList: ReadingAllowList) {
    this.#allowList = allowList;
  }

  async readUrl(url: string, options: UrlReaderServiceReadUrlOptions = {}): Promise<UrlReaderServiceReadUrlResponse> {
    if (typeof url !== 'string' || url.length === 0) {
      throw new InputError(`urlReader.readUrl needs a URL string, got ${JSON.stringify(url)}`);
    }
    if (path.isAbsolute(url) && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)) {
      return this.#readLocal(url, url, options);
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`urlReader.readUrl: '${url}' is neither an absolute URL nor an absolute file path`);
    }
    if (parsed.protocol === 'file:') {
      let filePath: string;
      try {
        filePath = fileURLToPath(parsed);
      } catch (error) {
        throw new InputError(`urlReader.readUrl: '${url}' is not a local file URL (${messageOf(error)})`);
      }
      return this.#readLocal(url, filePath, options);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new NotAllowedError(`Reading '${url}' is not supported: only http(s) URLs and files can be read`);
    }
    return readHttp(parsed, options, (hop) => {
      if (!isUrlAllowed(this.#allowList, hop)) {
        const via = hop.href === parsed.href ? '' : ` (redirected from '${url}')`;
        throw new NotAllowedError(
          `Reading '${hop.href}'${via} is not allowed; add { host: '${hop.host}', paths: [...] } to ${ALLOW_KEY} in the config to permit it`,
        );
      }
    });
  }

  search(url: string, options?: UrlReaderServiceSearchOptions): Promise<UrlReaderServiceSearchResponse> {
    return searchUrl((target, readOptions) => this.readUrl(target, readOptions), url, options);
  }

  async #readLocal(url: string, filePath: string, options: UrlReaderServiceReadUrlOptions): Promise<UrlReaderServiceReadUrlResponse> {
    const resolved = path.resolve(filePath);
    const refuse = () =>
      new NotAllowedError(
        `Reading '${url}' is not allowed; add its directory as { paths: ['${path.dirname(resolved)}'] } to ${ALLOW_KEY} in the config to permit it`,
      );
    if (!isFileAllowed(this.#allowList, resolved)) {
      throw refuse();
    }
    // A symlink inside an allowed directory must not lead outside of it; compare real paths too.
    const real = await fs.promises.realpath(resolved).catch(() => resolved);
    const realDirs = await Promise.all(this.#allowList.directories.map((dir) => fs.promises.realpath(dir).catch(() => dir)));
    if (!isFileAllowed({ hosts: [], directories: realDirs }, real)) {
      throw refuse();
    }
    return readFile(real, options);
  }
}
