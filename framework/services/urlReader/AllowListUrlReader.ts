import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import {
  InputError,
  NotAllowedError,
  type Config,
  type UrlReaderService,
  type UrlReaderServiceReadTreeOptions,
  type UrlReaderServiceReadTreeResponse,
  type UrlReaderServiceReadUrlOptions,
  type UrlReaderServiceReadUrlResponse,
  type UrlReaderServiceSearchOptions,
  type UrlReaderServiceSearchResponse,
} from '../../api';
import { ALLOW_KEY, isFileAllowed, isUrlAllowed, readAllowList, type ReadingAllowList } from './readingAllowList';
import { readFile } from './readFile';
import { readHttp } from './readHttp';
import { readArchiveTree } from './readArchiveTree';
import { readLocalTree } from './readLocalTree';
import { messageOf } from '../../wiring';
import { searchUrl } from './searchUrl';

/** Reads http(s) URLs and local files that `backend.reading.allow` permits, and refuses everything else. */
export class AllowListUrlReader implements UrlReaderService {
  static fromConfig(config: Config): AllowListUrlReader {
    return new AllowListUrlReader(readAllowList(config), { workingDirectory: config.getOptionalString('backend.workingDirectory') });
  }

  readonly #allowList: ReadingAllowList;
  readonly #workingDirectory?: string;

  /** `workingDirectory`: where readTree's dir() and archive() make their directories (default: the OS temp directory). */
  constructor(allowList: ReadingAllowList, options: { workingDirectory?: string } = {}) {
    this.#allowList = allowList;
    this.#workingDirectory = options.workingDirectory;
  }

  async readUrl(url: string, options: UrlReaderServiceReadUrlOptions = {}): Promise<UrlReaderServiceReadUrlResponse> {
    const target = this.#target('readUrl', url);
    if (target.kind === 'file') return readFile(await this.#allowedLocalPath(url, target.path), options);
    return this.#readHttp(url, target.url, options);
  }

  /**
   * A local directory (absolute path or file URL) under an allowed one, or a tar archive (optionally gzipped) at an
   * allowed http(s) URL.
   */
  async readTree(url: string, options: UrlReaderServiceReadTreeOptions = {}): Promise<UrlReaderServiceReadTreeResponse> {
    const target = this.#target('readTree', url);
    if (target.kind === 'file') return readLocalTree(await this.#allowedLocalPath(url, target.path), options, this.#workingDirectory);
    // The caller's etag goes to the server (If-None-Match), so an unchanged archive is not downloaded again.
    const response = await this.#readHttp(url, target.url, { etag: options.etag, signal: options.signal });
    return readArchiveTree(url, response, options, this.#workingDirectory);
  }

  search(url: string, options?: UrlReaderServiceSearchOptions): Promise<UrlReaderServiceSearchResponse> {
    return searchUrl((target, readOptions) => this.readUrl(target, readOptions), url, options);
  }

  /** What a URL names: a local path (absolute, or a file URL) or an http(s) URL; anything else is refused. */
  #target(method: string, url: string): { kind: 'file'; path: string } | { kind: 'http'; url: URL } {
    if (typeof url !== 'string' || url.length === 0) {
      throw new InputError(`urlReader.${method} needs a URL string, got ${JSON.stringify(url)}`);
    }
    if (path.isAbsolute(url) && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url)) return { kind: 'file', path: url };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`urlReader.${method}: '${url}' is neither an absolute URL nor an absolute file path`);
    }
    if (parsed.protocol === 'file:') {
      try {
        return { kind: 'file', path: fileURLToPath(parsed) };
      } catch (error) {
        throw new InputError(`urlReader.${method}: '${url}' is not a local file URL (${messageOf(error)})`);
      }
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new NotAllowedError(`Reading '${url}' is not supported: only http(s) URLs and files can be read`);
    }
    return { kind: 'http', url: parsed };
  }

  #readHttp(url: string, parsed: URL, options: UrlReaderServiceReadUrlOptions): Promise<UrlReaderServiceReadUrlResponse> {
    return readHttp(parsed, options, (hop) => {
      if (!isUrlAllowed(this.#allowList, hop)) {
        const via = hop.href === parsed.href ? '' : ` (redirected from '${url}')`;
        throw new NotAllowedError(
          `Reading '${hop.href}'${via} is not allowed; add { host: '${hop.host}', paths: [...] } to ${ALLOW_KEY} in the config to permit it`,
        );
      }
    });
  }

  /**
   * The real path of a local file or directory when the allow list admits it; a symlink inside an allowed directory
   * must not lead outside of it, so real paths are compared too.
   */
  async #allowedLocalPath(url: string, filePath: string): Promise<string> {
    const resolved = path.resolve(filePath);
    const refuse = () =>
      new NotAllowedError(
        `Reading '${url}' is not allowed; add its directory as { paths: ['${path.dirname(resolved)}'] } to ${ALLOW_KEY} in the config to permit it`,
      );
    if (!isFileAllowed(this.#allowList, resolved)) {
      throw refuse();
    }
    const real = await fs.promises.realpath(resolved).catch(() => resolved);
    const realDirs = await Promise.all(this.#allowList.directories.map((dir) => fs.promises.realpath(dir).catch(() => dir)));
    if (!isFileAllowed({ hosts: [], directories: realDirs }, real)) {
      throw refuse();
    }
    return real;
  }
}
