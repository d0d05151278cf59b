import crypto from 'crypto';
import path from 'path';
import { pipeline } from 'stream/promises';
import { Writable } from 'stream';
import * as tar from 'tar';
import {
  InputError,
  NotModifiedError,
  type UrlReaderServiceReadTreeOptions,
  type UrlReaderServiceReadTreeResponse,
  type UrlReaderServiceReadUrlResponse,
} from '../../api';
import { messageOf } from '../../wiring';
import { treeResponse, type TreeFile } from './treeResponse';

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

interface ArchivedFile {
  path: string;
  body: Buffer;
  mtime?: Date;
}

/**
 * A tree served as a tar archive (gzip or not) at one URL, read from the readUrl response. Only regular files are
 * kept (links and devices are not). When every file sits under one top-level directory, as in the archives code
 * hosts and `npm pack` make, that directory is the tree's root. The etag is the server's, or else a hash of the
 * archive's bytes.
 */
export async function readArchiveTree(
  url: string,
  response: UrlReaderServiceReadUrlResponse,
  options: UrlReaderServiceReadTreeOptions,
  workingDirectory: string | undefined,
): Promise<UrlReaderServiceReadTreeResponse> {
  const archived: ArchivedFile[] = [];
  const hash = crypto.createHash('sha256');
  const parser = new tar.Parser({
    strict: true,
    onReadEntry(entry) {
      if (!FILE_TYPES.has(entry.type)) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => archived.push({ path: entry.path, body: Buffer.concat(chunks), mtime: entry.mtime }));
    },
  });
  const hashing = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      if (parser.write(chunk)) done();
      else parser.once('drain', done);
    },
    final(done) {
      parser.once('end', () => done());
      parser.once('error', done);
      parser.end();
    },
  });
  try {
    await pipeline(response.stream(), hashing, { signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new InputError(`Could not read the tree at ${url}: it is not a readable tar archive (${messageOf(error)})`);
  }

  const etag = response.etag ?? `"${hash.digest('hex').slice(0, 32)}"`;
  if (options.etag !== undefined && options.etag === etag) throw new NotModifiedError(`${url} is unchanged since etag ${etag}`);

  const files: TreeFile[] = withRoot(url, archived)
    .filter((file) => options.filter?.(file.path, { size: file.body.length }) ?? true)
    .map((file) => ({ path: file.path, lastModifiedAt: file.mtime, content: async () => Buffer.from(file.body) }));
  return treeResponse(files, etag, workingDirectory);
}

/** Paths relative to the tree's root; an entry that would land outside of it (`../x`, `/etc/x`) fails the read. */
function withRoot(url: string, files: ArchivedFile[]): ArchivedFile[] {
  const normalized = files.map((file) => {
    const clean = path.posix.normalize(file.path.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
    if (clean.startsWith('/') || clean === '..' || clean.startsWith('../') || /^[a-zA-Z]:/.test(clean)) {
      throw new InputError(`Could not read the tree at ${url}: archive entry '${file.path}' points outside the tree`);
    }
    return { ...file, path: clean };
  });
  const tops = new Set(normalized.map((file) => file.path.split('/')[0]));
  const [top] = tops;
  const oneDirectory = tops.size === 1 && normalized.every((file) => file.path.startsWith(`${top}/`));
  return oneDirectory ? normalized.map((file) => ({ ...file, path: file.path.slice(top.length + 1) })) : normalized;
}
