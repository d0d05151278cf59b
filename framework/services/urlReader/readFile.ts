import fs from 'fs';
import {
  InputError,
  NotFoundError,
  NotModifiedError,
  type UrlReaderServiceReadUrlOptions,
  type UrlReaderServiceReadUrlResponse,
} from '../../api';
import { readOnce } from './readOnce';

/**
 * Reads a local file. The etag comes from size and modification time, so an unchanged file answers
 * NotModifiedError without being read.
 */
export async function readFile(filePath: string, options: UrlReaderServiceReadUrlOptions): Promise<UrlReaderServiceReadUrlResponse> {
  options.signal?.throwIfAborted();
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotFoundError(`Could not read ${filePath}: no such file`);
    }
    throw error;
  }
  if (!stat.isFile()) {
    throw new InputError(`Could not read ${filePath}: not a regular file`);
  }
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  if (options.etag === etag) {
    throw new NotModifiedError(`${filePath} is unchanged since etag ${etag}`);
  }
  return readOnce(
    filePath,
    {
      buffer: () => fs.promises.readFile(filePath, { signal: options.signal }),
      stream: () => fs.createReadStream(filePath, { signal: options.signal }),
    },
    { etag, lastModifiedAt: stat.mtime },
  );
}
