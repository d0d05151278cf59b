import { messageOf } from '../../../framework/wiring';

/** Every version a lock file resolves, by package name (a package may resolve to several versions). */
export type LockedVersions = Map<string, Set<string>>;

/** Which packages the versions are read for: `@backstage/*` and `forklift`. */
export function isTrackedPackage(name: string): boolean {
  return name.startsWith('@backstage/') || name === 'forklift';
}

export function addLocked(locked: LockedVersions, name: string, version: string): void {
  if (!isTrackedPackage(name)) return;
  let versions = locked.get(name);
  if (!versions) locked.set(name, (versions = new Set()));
  versions.add(version);
}

/** A lock file that does not parse stops the run: the versions it holds decide what the migration writes. */
export function unreadableLockFile(file: string, error: unknown, installCommand: string): Error {
  return new Error(`Cannot read ${file}: ${messageOf(error)}. Fix or regenerate it (${installCommand}) and run forklift again.`);
}
