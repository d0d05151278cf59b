/**
 * Runs a sample backend as a child process, the way `npm run sample:*` does (tsx with the sample's tsconfig),
 * on a free port, and gives its base URL once it is ready (see scripts/demo/waitUntilReady.ts).
 */
import { spawn, type ChildProcess } from 'child_process';
import net from 'net';
import path from 'path';
import { waitUntilReady } from '../../scripts/demo/waitUntilReady';

export interface RunningSample {
  url: string;
  output(): string;
  /** SIGTERM, then waits for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** A port nobody listens on right now (the sample needs it before starting, for its own baseUrl). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type SampleOptions = { env?: Record<string, string>; entry?: string; timeoutMs?: number };

/** How many times a start is retried when its port was taken between choosing it and the sample listening. */
const PORT_RACE_RETRIES = 3;

/**
 * The sample must know its port before it starts (its baseUrl, which discovery hands to plugins calling each
 * other), so the port is chosen free and handed over; another process of a parallel suite can take it in
 * between. That race shows as EADDRINUSE at listen, and only then is the start retried on a new port.
 */
export async function startSample(sampleDir: string, options: SampleOptions = {}): Promise<RunningSample> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSampleOnce(sampleDir, await freePort(), options);
    } catch (error) {
      const portTaken = error instanceof Error && error.message.includes('EADDRINUSE');
      if (!portTaken || attempt >= PORT_RACE_RETRIES) throw error;
    }
  }
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
