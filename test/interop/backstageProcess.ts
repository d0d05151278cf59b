/** Starts test/interop/children/backstageBackend.ts in its own Node process and waits until it has started. */
import { spawn } from 'child_process';
import path from 'path';
import { createInterface } from 'readline';
import type { JsonObject } from '../../framework';
import type { RunningBackend } from './backends';

export interface BackstageProcess extends RunningBackend {
  /** What the child reported at start: start() time in ms and RSS in bytes. */
  startup: { ms: number; rss: number };
}

/** `script`: a file under children/ that starts Backstage's backend and prints the started event. */
export function startBackstageProcess(config: JsonObject, appDir: string, script = 'backstageBackend.ts'): Promise<BackstageProcess> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'children', script)], {
    env: { ...process.env, NODE_ENV: 'production', INTEROP_CONFIG: JSON.stringify(config), INTEROP_APP_DIR: appDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (!line.startsWith('{"event":"started"')) return;
      const { ms = 0, rss = 0 } = JSON.parse(line) as { ms?: number; rss?: number };
      resolve({
        system: 'backstage',
        baseUrl: (config as { backend: { baseUrl: string } }).backend.baseUrl,
        startup: { ms, rss },
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`Backstage's backend exited (${code}) before it started:\n${output.slice(-4000)}`)));
  });
}
