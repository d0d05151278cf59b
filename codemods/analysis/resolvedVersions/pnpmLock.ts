/**
 * `pnpm-lock.yaml` (parsed with `yaml`). Package keys changed across lock versions: `/@backstage/x/1.2.3`
 * (v5), `/@backstage/x@1.2.3(peer@1.0.0)` (v6), `@backstage/x@1.2.3(peer@1.0.0)` (v9).
 */
import { parse } from 'yaml';
import { addLocked, unreadableLockFile, type LockedVersions } from './types';

interface PnpmLock {
  packages?: Record<string, unknown>;
}

const V5_KEY = /^\/((?:@[^/]+\/)?[^/@]+)\/([^/_(]+)/;
const V6_KEY = /^\/?((?:@[^/]+\/)?[^/@]+)@([^(_]+)/;

export function readPnpmLock(text: string, file: string): LockedVersions {
  let lock: PnpmLock;
  try {
    lock = (parse(text) ?? {}) as PnpmLock;
  } catch (error) {
    throw unreadableLockFile(file, error, 'pnpm install');
  }
  const locked: LockedVersions = new Map();
  for (const key of Object.keys(lock.packages ?? {})) {
    const match = V6_KEY.exec(key) ?? V5_KEY.exec(key);
    if (match) addLocked(locked, match[1], match[2]);
  }
  return locked;
}
