import net from 'net';
import { freePort, isPortTaken, startOnFreePort } from './freePort';

/** Listens on `port` the way a backend does, so a taken port fails with Node's own EADDRINUSE error. */
function listenOn(port: number): Promise<net.Server> {
  const server = net.createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

describe('startOnFreePort', () => {
  it('starts again on a new port when a parallel process took the chosen one first', async () => {
    const squatters: net.Server[] = [];
    const tried: number[] = [];
    const server = await startOnFreePort(async (port) => {
      tried.push(port);
      // The first chosen port is taken between choosing and listening, as a parallel suite would take it.
      if (tried.length === 1) squatters.push(await listenOn(port));
      return listenOn(port);
    });
    try {
      expect(tried).toHaveLength(2);
      expect((server.address() as net.AddressInfo).port).toBe(tried[1]);
    } finally {
      await Promise.all([server, ...squatters].map(close));
    }
  });

  it('does not retry a start that failed for another reason, and gives up after three taken ports', async () => {
    let calls = 0;
    await expect(
      startOnFreePort(async () => {
        calls++;
        throw new Error('config is invalid');
      }),
    ).rejects.toThrow('config is invalid');
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      startOnFreePort(async (port) => {
        calls++;
        throw new Error(`child exited before it started:\nError: listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
      }),
    ).rejects.toThrow('EADDRINUSE');
    expect(calls).toBe(3);
  });
});

describe('isPortTaken', () => {
  it("recognises Node's error, a cause chain and quoted child output", async () => {
    const port = await freePort();
    const squatter = await listenOn(port);
    const nodeError = await listenOn(port).catch((error: unknown) => error);
    await close(squatter);
    expect(isPortTaken(nodeError)).toBe(true);
    expect(isPortTaken(new Error('backend failed to start', { cause: nodeError }))).toBe(true);
    expect(isPortTaken(new Error('ECONNREFUSED'))).toBe(false);
    expect(isPortTaken('EADDRINUSE')).toBe(false);
  });
});
