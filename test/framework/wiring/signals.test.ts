import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createSpecializedBackend } from 'forklift/framework';
import { mockServices } from 'forklift/framework/testing';

const CHILD = path.join(__dirname, 'featureModules', 'signalChild.ts');

/** Starts the child backend, sends `signal` once it has started, and resolves with its exit code and output. */
function runChild(signal: NodeJS.Signals, env: Record<string, string> = {}, cwd = process.cwd()) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CHILD], {
      cwd,
      env: { ...process.env, ...env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('started\n') && !child.killed) child.kill(signal);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    // A child that never starts or never stops must not hang the suite; its output then shows why.
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('process signals', () => {
  type Result = Awaited<ReturnType<typeof runChild>>;
  let dir: string;
  let results: { sigint: Result; failing: Result; createBackend: Result };

  // Child processes are slow to boot; all three run at once and the tests below read their results.
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-signals-'));
    fs.writeFileSync(path.join(dir, 'app-config.yaml'), 'backend:\n  listen:\n    host: 127.0.0.1\n    port: 0\n');
    const [sigint, failing, createBackend] = await Promise.all([
      runChild('SIGINT'),
      runChild('SIGTERM', { FORKLIFT_CHILD_FAIL_SHUTDOWN: '1' }),
      runChild('SIGTERM', { FORKLIFT_CHILD_MODE: 'createBackend', LOG_LEVEL: 'error' }, dir),
    ]);
    results = { sigint, failing, createBackend };
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops the backend on SIGINT and exits 0', () => {
    expect(results.sigint.stdout).toBe('started\nshutdown hook ran\n');
    expect(results.sigint.code).toBe(0);
  });

  it('exits 1 when a shutdown hook failed', () => {
    expect(results.failing.stdout).toBe('started\nshutdown hook ran\n');
    expect(results.failing.code).toBe(1);
  });

  it('does the same on SIGTERM for createBackend() with every default service', () => {
    const result = results.createBackend;
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('started\n');
    expect(result.stdout).toContain('shutdown hook ran\n');
    expect(result.code).toBe(0);
  });
});

describe('signal listeners', () => {
  it('adds its signal listeners on start and removes them on stop', async () => {
    const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') };
    const backend = createSpecializedBackend({
      defaultServiceFactories: [mockServices.rootLogger.factory()],
      handleProcessSignals: true,
    });
    await backend.start();
    expect(process.listenerCount('SIGTERM')).toBe(before.term + 1);
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    await backend.stop();
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
    expect(process.listenerCount('SIGINT')).toBe(before.int);
  });

  it('registers no listeners without handleProcessSignals', async () => {
    const before = process.listenerCount('SIGTERM');
    const backend = createSpecializedBackend({ defaultServiceFactories: [] });
    await backend.start();
    expect(process.listenerCount('SIGTERM')).toBe(before);
    await backend.stop();
  });
});
