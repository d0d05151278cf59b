/**
 * Keeps every write inside the target directory: a path must resolve below the root, and so must the real
 * location of its nearest existing folder, so a symbolic link to elsewhere is never written through.
 */
import fs from 'node:fs';
import path from 'node:path';

function isWithin(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/** The reason `relPath` may not be written or deleted, or undefined when it is safe. */
export function unsafeWriteReason(root: string, relPath: string): string | undefined {
  const realRoot = fs.realpathSync(root);
  const full = path.resolve(root, relPath);
  if (!isWithin(path.resolve(root), full)) return `${relPath} is outside the target directory`;
  try {
    if (fs.lstatSync(full).isSymbolicLink()) return `${relPath} is a symbolic link; forklift never writes through links`;
  } catch {
    // Does not exist yet: a created file. Its folder is checked below.
  }
  let dir = path.dirname(full);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  if (!isWithin(realRoot, fs.realpathSync(dir))) {
    return `${relPath} lies in a folder that links outside the target directory; forklift never writes through links`;
  }
  return undefined;
}
