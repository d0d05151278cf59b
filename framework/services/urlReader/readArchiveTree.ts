import crypto from 'crypto';
import path from 'path';
import { promisify } from 'util';
import zlib from 'zlib';
import {
  InputError,
  NotModifiedError,
  type UrlReaderServiceReadTreeOptions,
  type UrlReaderServiceReadTreeResponse,
  type UrlReaderServiceReadUrlResponse,
} from '../../api';
import { messageOf } from '../../wiring';
import { loadTar } from './loadTar';
import { treeResponse, type TreeFile } from './treeResponse';

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const BLOCK = 512;
const gunzip = promisify(zlib.gunzip);

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
  const body = await response.buffer();
  const etag = response.etag ?? `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  if (options.etag !== undefined && options.etag === etag) throw new NotModifiedError(`${url} is unchanged since etag ${etag}`);

  const tarBytes = await unpackedTar(url, body);
  const archived: ArchivedFile[] = [];
  const parser = new (loadTar().Parser)({
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
  await new Promise<void>((resolve, reject) => {
    parser.on('error', (error: Error) =>
      reject(new InputError(`Could not read the tree at ${url}: it is not a readable tar archive (${messageOf(error)})`)),
    );
    parser.on('end', () => resolve());
    parser.end(tarBytes);
  });

  const files: TreeFile[] = withRoot(url, archived)
    .filter((file) => options.filter?.(file.path, { size: file.body.length }) ?? true)
    .map((file) => ({ path: file.path, lastModifiedAt: file.mtime, content: async () => Buffer.from(file.body) }));
  return treeResponse(files, etag, workingDirectory);
}

/**
 * The archive as plain tar bytes, checked to be whole: a cut-off download must fail, not give part of the tree.
 * The tar parser notices a cut inside an entry; a cut between entries only shows as the missing end-of-archive
 * marker (zero blocks), which every tar writer puts at the end.
 */
async function unpackedTar(url: string, body: Buffer): Promise<Buffer> {
  let bytes = body;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      bytes = await gunzip(body);
    } catch (error) {
      throw new InputError(`Could not read the tree at ${url}: its gzip data is broken or cut off (${messageOf(error)})`);
    }
  }
  const lastBlock = bytes.subarray(bytes.length - BLOCK);
  if (bytes.length < 2 * BLOCK || bytes.length % BLOCK !== 0 || lastBlock.some((byte) => byte !== 0)) {
    throw new InputError(
      `Could not read the tree at ${url}: it is not a readable tar archive (it does not end with tar's end-of-archive blocks: cut off, or another format)`,
    );
  }
  return bytes;
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
