import fs from 'fs';
import os from 'os';
import path from 'path';
import { Readable } from 'stream';
import type {
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadTreeResponseDirOptions,
  UrlReaderServiceReadTreeResponseFile,
} from '../../api';
import { loadTar } from './loadTar';

/** One file of a tree: its path relative to the tree's root, with forward slashes and no leading '/'. */
export type TreeFile = UrlReaderServiceReadTreeResponseFile;

/**
 * The three ways to take a tree, over one list of files: the list itself, a directory on disk, or an
 * uncompressed tar archive. Each can be called more than once; every call reads the files again.
 */
export function treeResponse(files: TreeFile[], etag: string, workingDirectory?: string): UrlReaderServiceReadTreeResponse {
  const dir = async (options: UrlReaderServiceReadTreeResponseDirOptions = {}): Promise<string> => {
    const target = options.targetDir ?? (await fs.promises.mkdtemp(path.join(workingDirectory ?? os.tmpdir(), 'forklift-tree-')));
    await fs.promises.mkdir(target, { recursive: true });
    for (const file of files) {
      const destination = path.join(target, ...file.path.split('/'));
      await fs.promises.mkdir(path.dirname(destination), { recursive: true });
      await fs.promises.writeFile(destination, await file.content());
    }
    return target;
  };
  return {
    etag,
    files: async () => [...files],
    dir,
    async archive() {
      // tar packs from disk: lay the tree out in a scratch directory, pack it whole, and remove the directory.
      const scratch = await dir();
      try {
        const chunks: Buffer[] = [];
        const entries = files.length > 0 ? files.map((file) => file.path) : ['.'];
        for await (const chunk of loadTar().create({ cwd: scratch, portable: true }, entries)) chunks.push(Buffer.from(chunk));
        return Readable.from([Buffer.concat(chunks)]);
      } finally {
        await fs.promises.rm(scratch, { recursive: true, force: true });
      }
    },
  };
}
