import { spawn } from 'child_process';
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
 * Starts the child backend (see children/slowBackend.ts) and fires CONCURRENT requests at its 200 ms route; sends
 * SIGTERM once half of them have entered the route; once every request not running in the route has its answer,
 * fires LATE more requests while the shutdown is held in its before-shutdown phase; then lets the shutdown go on.
 */
async function scenario(dir: string) {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CHILD], {
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
  const failIfExited = (what: string) =>
    exit.then((code) => Promise.reject(new Error(`child exited (${code}) before ${what}; stderr:\n${stderr}`)));
  const next = (name: string) => Promise.race([new Promise<Event>((resolve) => waiters.set(name, resolve)), failIfExited(`'${name}'`)]);

  try {
    const { url } = (await next('listening')) as Event & { url: string };
    const route = `${url}/api/slow/work`;

    const half = next('half');
    const draining = next('before-shutdown');
    const first: Outcome[] = new Array(CONCURRENT);
    let answered = 0;
    let onAnswer = () => {};
    const concurrent = Promise.all(
      Array.from({ length: CONCURRENT }, (_, id) =>
        get(`${route}?id=${id}`).then((outcome) => {
          first[id] = outcome;
          answered += 1;
          onAnswer();
        }),
      ),
    );
    await half;
    child.kill('SIGTERM');
    const running = ((await draining).inFlight as number[]).length;
    // Requests the route is running wait for the release; every other one has been answered (200 or 503) first.
    await Promise.race([
      new Promise<void>((resolve) => {
        onAnswer = () => answered === CONCURRENT - running && resolve();
        onAnswer();
      }),
      failIfExited('the requests outside the route were answered'),
    ]);
    const late = await Promise.all(Array.from({ length: LATE }, (_, i) => get(`${route}?id=${CONCURRENT + i}`)));
    child.stdin.write('go\n');
    await concurrent;
    const code = await exit;
    const afterExit = await get(route);
    return { code, stderr, events, first, late, afterExit };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** The one of `allowed` that `outcome` equals, or the first of them (so the assertion shows what was allowed). */
function outcomeOneOf(outcome: Outcome, allowed: Outcome[]): Outcome {
  return allowed.find((candidate) => JSON.stringify(candidate) === JSON.stringify(outcome)) ?? allowed[0];
}

describe('graceful shutdown under load', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof scenario>>;
  const event = (name: string) => result.events.find((e) => e.event === name)!;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-shutdown-'));
    fs.writeFileSync(path.join(dir, 'app-config.yaml'), 'backend:\n  listen:\n    host: 127.0.0.1\n    port: 0\n');
    result = await scenario(dir);
  }, 25_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs every hook once, in order, and exits 0', () => {
    expect(result.events.map((e) => e.event)).toEqual([
      'listening',
      'half',
      'before-shutdown',
      'released',
      'plugin-shutdown',
      'root-shutdown',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('waits for every request in flight when the drain began, and each completes with 200', () => {
    const atDrain = event('before-shutdown').inFlight as number[];
    expect(atDrain.length).toBeGreaterThan(0);
    // Still running after every other before-shutdown hook: only the server's drain kept them from being cut off.
    expect(event('released').inFlight).toEqual(atDrain);
    for (const id of atDrain) expect({ id, outcome: result.first[id] }).toEqual({ id, outcome: { status: 200 } });
    expect(event('plugin-shutdown').inFlight).toBe(0);
  });

  it('answers each concurrent request with 200 when the route took it; the rest never ran', () => {
    const taken = new Set(event('plugin-shutdown').admitted as number[]);
    expect(taken.size).toBeGreaterThanOrEqual(100);
    result.first.forEach((outcome, id) => {
      if (taken.has(id)) {
        expect({ id, outcome }).toEqual({ id, outcome: { status: 200 } });
      } else {
        // Accepted before the drain: 503 'Service is shutting down'. Still waiting in the listen backlog when the
        // listener closed: the kernel resets the connection (the server never saw it; a client may retry it).
        expect({ id, outcome }).toEqual({ id, outcome: outcomeOneOf(outcome, [{ status: 503 }, { error: 'ECONNRESET' }]) });
      }
    });
  });

  it('refuses new connections while draining, without running the route', () => {
    const taken = new Set(event('plugin-shutdown').admitted as number[]);
    result.late.forEach((outcome, i) => {
      expect({ id: CONCURRENT + i, taken: taken.has(CONCURRENT + i), outcome }).toEqual({
        id: CONCURRENT + i,
        taken: false,
        outcome: { error: 'ECONNREFUSED' },
      });
    });
  });

  it('refuses connections once the listener has closed', () => {
    expect(result.afterExit).toEqual({ error: 'ECONNREFUSED' });
  });
});
