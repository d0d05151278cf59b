/** `package-lock.json` (lockfileVersion 1, 2 and 3) and `npm-shrinkwrap.json`. */
import { addLocked, unreadableLockFile, type LockedVersions } from './types';

interface NpmLock {
  packages?: Record<string, { version?: string; name?: string; link?: boolean }>;
  dependencies?: Record<string, { version?: string; dependencies?: NpmLock['dependencies'] }>;
}

export function readNpmLock(text: string, file: string): LockedVersions {
  let lock: NpmLock;
  try {
    lock = JSON.parse(text) as NpmLock;
  } catch (error) {
    throw unreadableLockFile(file, error, 'npm install');
  }
  const locked: LockedVersions = new Map();
  if (lock.packages) {
    for (const [key, entry] of Object.entries(lock.packages)) {
      // `node_modules/a/node_modules/@backstage/x`: the name is what follows the last node_modules/.
      const at = key.lastIndexOf('node_modules/');
      if (at < 0 || entry.link || !entry.version) continue;
      addLocked(locked, entry.name ?? key.slice(at + 'node_modules/'.length), entry.version);
    }
    return locked;
  }
  const walk = (dependencies: NpmLock['dependencies']) => {
    for (const [name, entry] of Object.entries(dependencies ?? {})) {
      if (entry.version && !entry.version.startsWith('file:')) addLocked(locked, name, entry.version);
      walk(entry.dependencies);
    }
  };
  walk(lock.dependencies);
  return locked;
}
