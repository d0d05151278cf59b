import { spawnSync, type SpawnSyncOptions } from 'child_process';

/** Runs a command to completion; throws with the command line and its output when it fails. */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${String(result.stdout ?? '')}${String(result.stderr ?? '')}`);
  }
  return String(result.stdout ?? '');
}
