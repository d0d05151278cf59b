import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { createInterface } from 'readline';

const CHILD = path.join(__dirname, 'children', 'slowBackend.ts');
const CONCURRENT = 200;
const LATE = 20;

interface Event {
  event: string;
  [field: string]: unknown;
}

type Outcome = { status: number } | { error: string };

/** One request on its own connection, so a refused or reset connection shows as such instead of being retried. */
function get(url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode! }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

/**
 * Starts the child backend, fires CONCURRENT requests at its 200 ms route, sends SIGTERM once half of them have
 * entered the route, fires LATE more requests as soon as the drain has begun, then lets the shutdown go on.
 */
async function scenario(dir: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CHILD], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const events: Event[] = [];
  const waiters = new Map<string, (event: Event) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{"event"')) return;
    const event = JSON.parse(line) as Event;
    events.push(event);
    waiters.get(event.event)?.(event);
  });
  const next = (name: string) =>
    Promise.race([
      new Promise<Event>((resolve) => waiters.set(name, resolve)),
      exit.then((code) => Promise.reject(new Error(`child exited (${code}) before '${name}'; stderr:\n${stderr}`))),
    ]);

  const listening = next('listening');
  const { url } = (await listening) as Event & { url: string };
  const route = `${url}/api/slow/work`;

  const half = next('half');
  const draining = next('before-shutdown');
  const concurrent = Promise.all(Array.from({ length: CONCURRENT }, (_, id) => get(`${route}?id=${id}`)));
  await half;
  child.kill('SIGTERM');
  await draining;
  const late = await Promise.all(Array.from({ length: LATE }, (_, i) => get(`${route}?id=${CONCURRENT + i}`)));
  const first = await concurrent;
  child.stdin.write('go\n');
  const code = await exit;
  const afterExit = await get(route);
  return { code, stderr, events, first, late, afterExit };
}

describe('graceful shutdown under load', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof scenario>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-shutdown-'));
    fs.writeFileSync(path.join(dir, 'app-config.yaml'), 'backend:\n  listen:\n    host: 127.0.0.1\n    port: 0\n');
    result = await scenario(dir);
  }, 20_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const admitted = () => new Set(result.events.find((e) => e.event === 'plugin-shutdown')!.admitted as number[]);

  it('runs every hook once, in order, and exits 0', () => {
    expect(result.events.map((e) => e.event)).toEqual(['listening', 'half', 'before-shutdown', 'plugin-shutdown', 'root-shutdown']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('lets every request in flight when the drain began finish with 200', () => {
    const inFlight = result.events.find((e) => e.event === 'before-shutdown')!.inFlight as number[];
    expect(inFlight.length).toBeGreaterThan(0);
    for (const id of inFlight) expect({ id, outcome: result.first[id] }).toEqual({ id, outcome: { status: 200 } });
    // Plugin shutdown hooks run only after the drain: nothing of the route is still running by then.
    expect(result.events.find((e) => e.event === 'plugin-shutdown')!.inFlight).toBe(0);
  });

  it('answers each of the concurrent requests: 200 when the route took it, 503 when the drain had begun', () => {
    const taken = admitted();
    expect(taken.size).toBeGreaterThanOrEqual(100);
    result.first.forEach((outcome, id) => {
      expect({ id, outcome }).toEqual({ id, outcome: { status: taken.has(id) ? 200 : 503 } });
    });
  });

  it('refuses requests that arrive while draining with 503, without running the route', () => {
    const taken = admitted();
    result.late.forEach((outcome, i) => {
      expect(taken.has(CONCURRENT + i)).toBe(false);
      expect(outcome).toEqual({ status: 503 });
    });
  });

  it('refuses connections once the listener has closed', () => {
    expect(result.afterExit).toEqual({ error: 'ECONNREFUSED' });
  });
});
