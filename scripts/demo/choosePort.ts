import net from 'net';

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * `wanted` when nobody listens on it, else a port the system picks (0 asks for that directly). The port is only
 * free when chosen: another process may listen on it before the backend does (startBackend then rejects with
 * code EADDRINUSE).
 */
export async function choosePort(wanted: number): Promise<{ port: number; taken: boolean }> {
  if (wanted !== 0) {
    const port = await tryListen(wanted);
    if (port !== undefined) return { port, taken: false };
  }
  const port = await tryListen(0);
  if (port === undefined) throw new Error('Could not find a free port for the demo backend');
  return { port, taken: wanted !== 0 };
}
