import { spawn } from 'child_process';
import { waitUntilReady } from './waitUntilReady';

export interface RunningBackend {
  url: string;
  /** SIGTERM (unless the process got a signal already), then waits for the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Starts a sample-shaped backend folder (`packages/backend/src/index.ts`, its own tsconfig) through tsx on
 * `port`, and resolves once it is ready (see waitUntilReady). Its output goes to `log`, line by line.
 */
export function startBackend(dir: string, port: number, log: (line: string) => void, timeoutMs = 60000): Promise<RunningBackend> {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/backend/src/index.ts'], {
    cwd: dir,
    // tsx as a loader inside the backend's own process (not the tsx CLI, whose signal relay gives up after
    // 30 ms and kills the child under load): signals reach the backend directly. The sample's tsconfig maps
    // its workspace packages.
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: 'tsconfig.json',
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches the demo only, which then stops the backend once, with SIGTERM.
    detached: true,
  });
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  let output = '';
  let listening = false;
  const onLines = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout!.on('data', onLines);
  child.stderr!.on('data', onLines);

  const running: RunningBackend = {
    url,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The migrated backend in ${dir} did not start within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    child.stdout!.on('data', () => {
      if (listening || !/Listening on /.test(output)) return;
      listening = true;
      waitUntilReady(url, exited).then(
        () => {
          clearTimeout(timer);
          resolve(running);
        },
        (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
    void exited.then((code) => {
      if (listening) return;
      clearTimeout(timer);
      const error = new Error(`The migrated backend in ${dir} exited with ${code} before listening`);
      // A port found free can be taken before the backend listens on it (see choosePort): the caller may retry.
      reject(/EADDRINUSE/.test(output) ? Object.assign(error, { code: 'EADDRINUSE' }) : error);
    });
  });
}
