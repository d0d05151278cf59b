/**
 * `yarn.lock`, both formats: Yarn classic's own syntax (parsed with @yarnpkg/lockfile) and Yarn Berry's YAML
 * subset with a `__metadata` block (parsed with @yarnpkg/parsers).
 */
import { parse as parseClassic } from '@yarnpkg/lockfile';
import { parseSyml } from '@yarnpkg/parsers';
import { addLocked, unreadableLockFile, type LockedVersions } from './types';

/** `@backstage/x@npm:^1.0.0` or `@backstage/x@^1.0.0` -> `@backstage/x`. */
function nameOfDescriptor(descriptor: string): string {
  const trimmed = descriptor.trim().replace(/^"|"$/g, '');
  const at = trimmed.indexOf('@', trimmed.startsWith('@') ? 1 : 0);
  return at < 0 ? trimmed : trimmed.slice(0, at);
}

function isBerry(text: string): boolean {
  return /^__metadata:/m.test(text);
}

export function readYarnLock(text: string, file: string): LockedVersions {
  let entries: Record<string, { version?: string }>;
  try {
    if (isBerry(text)) entries = parseSyml(text) as Record<string, { version?: string }>;
    else {
      const parsed = parseClassic(text);
      if (parsed.type !== 'success') throw new Error(`merge conflict markers (${parsed.type})`);
      entries = parsed.object as Record<string, { version?: string }>;
    }
  } catch (error) {
    throw unreadableLockFile(file, error, 'yarn install');
  }
  const locked: LockedVersions = new Map();
  for (const [key, entry] of Object.entries(entries)) {
    if (key === '__metadata' || !entry?.version) continue;
    // Berry joins several descriptors into one key: `"@backstage/x@npm:^1.0.0, @backstage/x@npm:^1.2.0"`.
    const descriptors = key.split(',');
    // Workspace packages resolve to `0.0.0-use.local` and similar: not a published version.
    if (descriptors.some((d) => /@(workspace|link|portal|file|patch):/.test(d)) && !/@patch:/.test(key)) continue;
    addLocked(locked, nameOfDescriptor(descriptors[0]), String(entry.version));
  }
  return locked;
}
