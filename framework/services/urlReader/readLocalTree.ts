import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import fg from 'fast-glob';
import {
  InputError,
  NotFoundError,
  NotModifiedError,
  type UrlReaderServiceReadTreeOptions,
  type UrlReaderServiceReadTreeResponse,
} from '../../api';
import { treeResponse, type TreeFile } from './treeResponse';

/**
 * The files under a local directory the allow list already admitted (by its real path). Symbolic links are
 * left out, so nothing outside the directory can be reached through one. The etag covers the path, size and
 * modification time of every file the filter keeps: it changes when one of them does.
 */
export async function readLocalTree(
  directory: string,
  options: UrlReaderServiceReadTreeOptions,
  workingDirectory: string | undefined,
): Promise<UrlReaderServiceReadTreeResponse> {
  options.signal?.throwIfAborted();
  const stat = await fs.promises.stat(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new NotFoundError(`Could not read the tree at ${directory}: no such directory`);
    throw error;
  });
  if (!stat.isDirectory()) {
    throw new InputError(`Could not read the tree at ${directory}: not a directory (use readUrl for a single file)`);
  }
  const entries = await fg('**/*', { cwd: directory, onlyFiles: true, dot: true, followSymbolicLinks: false, stats: true });
  options.signal?.throwIfAborted();
  const kept = entries
    .map((entry) => ({ relative: entry.path, size: entry.stats!.size, mtime: entry.stats!.mtime }))
    .filter((entry) => options.filter?.(entry.relative, { size: entry.size }) ?? true)
    .sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));

  const hash = crypto.createHash('sha256');
  for (const entry of kept) hash.update(`${entry.relative}\0${entry.size}\0${entry.mtime.getTime()}\0`);
  const etag = `"${hash.digest('hex').slice(0, 32)}"`;
  if (options.etag === etag) throw new NotModifiedError(`No file under ${directory} changed since etag ${etag}`);

  const files: TreeFile[] = kept.map((entry) => ({
    path: entry.relative,
    lastModifiedAt: entry.mtime,
    content: () => fs.promises.readFile(path.join(directory, ...entry.relative.split('/'))),
  }));
  return treeResponse(files, etag, workingDirectory);
}
