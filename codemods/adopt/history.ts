/**
 * `adopt --undo` puts back the exact text the bridge had, so it reads it from git: the newest committed
 * version of the backend index that still added the plugin through the bridge, and the plugin file as it was
 * in that same commit.
 */
import { spawnSync } from 'node:child_process';
import { readBackendLines, type BackendLine } from './backendLines';

export interface BridgedState {
  /** The commit the bridged form was read from. */
  commit: string;
  /** The bridge line as it stood in that commit's index. */
  line: Extract<BackendLine, { kind: 'bridge' }>;
  /** The index's whole text in that commit. */
  indexText: string;
  /** A file of that commit, relative to the root; undefined when it did not exist. */
  readFile(relPath: string): string | undefined;
}

function git(root: string, args: string[]): string | undefined {
  const result = spawnSync('git', ['-c', 'core.quotepath=off', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

function fileAt(root: string, commit: string, relPath: string): string | undefined {
  return git(root, ['show', `${commit}:./${relPath}`]);
}

/** Undefined when `root` is not in a git work tree or no commit of the index bridges `pluginId`. */
export function findBridgedState(root: string, indexPath: string, pluginId: string): BridgedState | undefined {
  const commits = (git(root, ['log', '--format=%H', '--', indexPath]) ?? '').split('\n').filter(Boolean);
  for (const commit of commits) {
    const indexText = fileAt(root, commit, indexPath);
    if (indexText === undefined) continue;
    let lines: BackendLine[];
    try {
      lines = readBackendLines(indexPath, indexText).lines;
    } catch {
      continue;
    }
    const line = lines.find((l): l is Extract<BackendLine, { kind: 'bridge' }> => l.kind === 'bridge' && l.pluginId === pluginId);
    if (line) return { commit, line, indexText, readFile: (relPath) => fileAt(root, commit, relPath) };
  }
  return undefined;
}
