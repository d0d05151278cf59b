/**
 * Ports for servers a test starts whose address must be known before they listen (a backend's baseUrl, which
 * discovery hands to plugins calling each other). A port chosen free can be taken by a parallel suite before the
 * server listens on it; that race shows as EADDRINUSE, and only then is the start retried on a new port.
 */
import net from 'net';

/**
 * A port where nothing listens, for tests of a refused connection. Not a port found free a moment ago: a parallel
 * test run may listen on that one by the time it is dialled. Port 2 is below the range the system hands out for
 * port 0 and outgoing connections, unused, and (unlike 1) not on the list of ports fetch refuses to dial.
 */
export const CLOSED_PORT = 2;

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** How many times a start is tried when its port was taken between choosing it and listening. */
const PORT_RACE_ATTEMPTS = 3;

/** Whether a start failed because its port was taken: the error, its causes or the output it quotes say EADDRINUSE. */
export function isPortTaken(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: errors from Node's own modules come from another realm inside jest.
  for (let current: unknown = error; typeof current === 'object' && current !== null; current = (current as Error).cause) {
    const { code, message } = current as NodeJS.ErrnoException;
    if (code === 'EADDRINUSE' || (typeof message === 'string' && message.includes('EADDRINUSE'))) return true;
  }
  return false;
}

/** Runs `start` on a free port, retrying on a new port when the chosen one was taken before `start` listened. */
export async function startOnFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (!isPortTaken(error) || attempt >= PORT_RACE_ATTEMPTS) throw error;
    }
  }
}
