/**
 * Runs a sample backend as a child process, the way `npm run sample:*` does (tsx with the sample's tsconfig),
 * on a free port, and gives its base URL once it is ready (see scripts/demo/waitUntilReady.ts).
 */
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { waitUntilReady } from '../../scripts/demo/waitUntilReady';
import { startOnFreePort } from './freePort';

export interface RunningSample {
  url: string;
  output(): string;
  /** SIGTERM, then waits for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export const REPO_ROOT = path.resolve(__dirname, '../..');

type SampleOptions = { env?: Record<string, string>; entry?: string; timeoutMs?: number };

/** Starts the sample on a free port (retried on a new one when a parallel suite took it first; see freePort.ts). */
export async function startSample(sampleDir: string, options: SampleOptions = {}): Promise<RunningSample> {
  return startOnFreePort((port) => startSampleOnce(sampleDir, port, options));
}

async function startSampleOnce(sampleDir: string, port: number, options: SampleOptions): Promise<RunningSample> {
  const cwd = path.resolve(REPO_ROOT, sampleDir);
  const entry = options.entry ?? 'packages/backend/src/index.ts';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd,
    // tsx as a loader inside the backend's own process (not the tsx CLI, whose signal relay gives up after
    // 30 ms and kills the child under load): signals reach the backend directly. The sample's tsconfig maps
    // its workspace packages.
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: 'tsconfig.json',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: `http://127.0.0.1:${port}`,
      APP_CONFIG_backend_listen_host: '127.0.0.1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${sampleDir} did not start within ${options.timeoutMs ?? 30000}ms:\n${output}`));
    }, options.timeoutMs ?? 30000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Listening on (https?:\/\/[^\s]+)/);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (c) => (output += c.toString()));
        const url = `http://127.0.0.1:${port}`;
        // Listening is not started: a createBackend() sample listens before its plugins are up.
        waitUntilReady(url, exited).then(
          () => {
            clearTimeout(timer);
            resolve({
              url,
              output: () => output,
              stop: async () => {
                if (child.exitCode === null) child.kill('SIGTERM');
                return exited;
              },
            });
          },
          (error: Error) => {
            clearTimeout(timer);
            reject(new Error(`${sampleDir}: ${error.message}:\n${output}`));
          },
        );
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${sampleDir} exited with ${code} before listening:\n${output}`));
    });
  });
}
