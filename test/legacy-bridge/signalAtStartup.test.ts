/**
 * A process manager (or a test) that waits for "Listening on" may stop the backend that very moment. The legacy
 * runtime must already own SIGTERM then, or the process dies by the signal's default action, mid-startup,
 * without draining or closing anything.
 */
import { spawn } from 'child_process';
import path from 'path';

function runAndSignalOnListening(signal: NodeJS.Signals): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/minimalLegacyServer.ts')], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let sent = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (!sent && output.includes('Listening on')) {
      sent = true;
      child.kill(signal);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

describe('createServiceBuilder().start() and process signals', () => {
  it('shuts down in order and exits 0 on a SIGTERM sent the moment it says it listens', async () => {
    const { code, output } = await runAndSignalOnListening('SIGTERM');
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('Received SIGTERM, shutting down') });
  });
});
