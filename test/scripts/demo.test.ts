/**
 * `npm start` (scripts/demo.ts) as a new user runs it: a child process from the repository root, with no
 * database server. One run stops by itself after the demonstration (FORKLIFT_DEMO_EXIT=1) with its preferred
 * port taken; the other keeps the backend running until it gets SIGINT, as on Ctrl-C.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { REPO_ROOT } from '../support/sampleProcess';

interface DemoRun {
  code: number | null;
  output: string;
}

function runDemo(env: Record<string, string>, onOutput?: (output: string, signal: (s: NodeJS.Signals) => void) => void): Promise<DemoRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    onOutput?.(output, (s) => child.kill(s));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

/** The temporary copy the run announced; it must be gone once the demo has exited. */
function workDirOf(output: string): string {
  const match = output.match(/Copy sample-legacy-backend to (\S+)\//);
  expect(match).not.toBeNull();
  return path.resolve(REPO_ROOT, match![1]);
}

let blocker: net.Server;
let blockedPort: number;
let exitRun: DemoRun;
let interruptRun: DemoRun;
let earlyInterruptRun: DemoRun;

beforeAll(async () => {
  blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  blockedPort = (blocker.address() as net.AddressInfo).port;
  // SIGINT the moment a line appears, as an impatient user would.
  const interruptOn = (line: string) => {
    let sent = false;
    return (output: string, signal: (s: NodeJS.Signals) => void) => {
      if (!sent && output.includes(line)) {
        sent = true;
        signal('SIGINT');
      }
    };
  };
  [exitRun, interruptRun, earlyInterruptRun] = await Promise.all([
    runDemo({ FORKLIFT_DEMO_EXIT: '1', FORKLIFT_DEMO_PORT: String(blockedPort) }),
    runDemo({ FORKLIFT_DEMO_PORT: '0' }, interruptOn('Press Ctrl-C to stop it.')),
    runDemo({ FORKLIFT_DEMO_PORT: '0' }, interruptOn('Copy sample-legacy-backend to')),
  ]);
}, 170000);

afterAll(async () => {
  await new Promise((resolve) => blocker?.close(resolve));
});

describe('npm start (scripts/demo.ts)', () => {
  it('plans, migrates, starts the result on a free port when its port is taken, calls it and exits 0', () => {
    const { code, output } = exitRun;
    expect({ code, tail: output.slice(-400) }).toEqual({ code: 0, tail: expect.stringContaining('Stopped (exit code 0)') });
    expect(output).toContain('forklift migrate would:');
    expect(output).toMatch(/Results: 10 ok, \d+ unmodified, 0 skipped, 0 errors, 5 created, 0 deleted/);
    expect(output).toContain("backend.add(legacyPlugin('todo', import('./plugins/todo')));");
    // The last port it moved to: a free port chosen can be taken by a parallel run before the backend listens.
    const port = Number([...output.matchAll(/port \d+ (?:is|was) taken.*?, so (?:the backend|it) uses the free port (\d+)/g)].at(-1)?.[1]);
    expect(output).toContain(`port ${blockedPort} is taken`);
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(blockedPort);
    expect(output).toContain(`The migrated backend runs at http://localhost:${port}`);
    expect(output).toContain('POST /api/todo/todos → 201');
    expect(output).toContain('GET /api/reports/summary → 200');
    expect(output).toContain('{"total":1,"done":0,"open":1}');
    expect(output).toContain('"owner":"group:default/platform"');
    expect(output).toContain('GET /api/todo/todos/42 → 404');
    // forklift adopt todo: the plan before and after, then the same calls with the same answers.
    expect(output).toMatch(/ready {4}todo {2}@internal\/plugin-todo-backend/);
    expect(output).toContain('ADOPTED   todo (ready -> native)');
    expect(output).toMatch(/native {3}todo {2}@internal\/plugin-todo-backend/);
    expect(output).toContain('same answers as before the adoption: 7 of 7');
    expect(fs.existsSync(workDirOf(output))).toBe(false);
  });

  it('keeps the backend running until Ctrl-C (SIGINT), then stops it and exits 0', () => {
    const { code, output } = interruptRun;
    expect({ code, tail: output.slice(-400) }).toEqual({ code: 0, tail: expect.stringContaining('SIGINT: stopping the backend') });
    expect(output).toContain('Received SIGTERM, shutting down');
    expect(output).not.toContain('FORKLIFT_DEMO_EXIT is set');
    expect(fs.existsSync(workDirOf(output))).toBe(false);
  });

  it('on Ctrl-C during the demonstration itself, removes its copy and exits 130', () => {
    const { code, output } = earlyInterruptRun;
    expect({ code, tail: output.slice(-400) }).toEqual({ code: 130, tail: expect.stringContaining('SIGINT: stopping the demo') });
    expect(output).not.toContain('Press Ctrl-C to stop it.');
    expect(fs.existsSync(workDirOf(output))).toBe(false);
  });
});
