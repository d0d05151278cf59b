/**
 * Runs a test backend (a file under children/) as a child process through tsx and follows its stdout: the
 * `{"event":...}` lines the child prints for the test, and the backend's JSON log lines (NODE_ENV=production).
 */
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { createInterface } from 'readline';

export interface ChildBackend {
  process: ChildProcess;
  url: string;
  /** Every JSON line the child printed so far (events and log lines). */
  lines: Array<Record<string, unknown>>;
  /** Everything on stdout that was not JSON, and all of stderr. */
  otherOutput(): string;
  /** Resolves with the first line (already printed or still to come) that `match` accepts. */
  waitForLine(match: (line: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export async function startChildBackend(child: string, env: Record<string, string> = {}, cwd?: string): Promise<ChildBackend> {
  const proc = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'children', child)], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      APP_CONFIG_backend_listen_host: '127.0.0.1',
      APP_CONFIG_backend_listen_port: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let other = '';
  const waiters: Array<{ match: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }> = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.stderr!.on('data', (chunk) => (other += chunk));
  createInterface({ input: proc.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      other += `${text}\n`;
      return;
    }
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const waitForLine = (match: (line: Record<string, unknown>) => boolean, what: string) => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<Record<string, unknown>>((resolve) => waiters.push({ match, resolve })),
      exited.then((code) => Promise.reject(new Error(`${child} exited (${code}) before ${what}:\n${other}`))),
    ]);
  };
  try {
    const listening = await waitForLine((l) => l.event === 'listening', 'listening');
    return {
      process: proc,
      url: String(listening.url).replace('localhost', '127.0.0.1'),
      lines,
      otherOutput: () => other,
      waitForLine,
      stop: () => {
        if (proc.exitCode === null) proc.kill('SIGTERM');
        return exited;
      },
      exited,
    };
  } catch (error) {
    proc.kill('SIGKILL');
    throw error;
  }
}
