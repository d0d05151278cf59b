/**
 * A TCP proxy on a free loopback port in front of a real service (PostgreSQL, Redis), for tests that cut the
 * network and restore it. Cut is a black hole, the nastiest kind of outage: connections are accepted (and the
 * open ones kept) but nothing is forwarded either way, so only the clients' own timeouts can end the wait.
 */
import net from 'net';

export interface TcpProxy {
  port: number;
  /** `host:port` of the proxy, to put in a connection string. */
  address: string;
  /** From now on nothing passes, in either direction, on open or new connections. */
  cut(): void;
  /** Forwards again: connections held during the cut are closed (as a real partition's would time out). */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let cut = false;
  const pairs = new Set<{ client: net.Socket; upstream?: net.Socket }>();
  const held = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.on('error', () => {});
    if (cut) {
      held.add(client);
      client.on('close', () => held.delete(client));
      client.on('data', () => {}); // swallowed: the black hole
      return;
    }
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => client.destroy());
    const pair = { client, upstream };
    pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk) => {
        if (!cut) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    address: `127.0.0.1:${port}`,
    cut() {
      cut = true;
      for (const pair of pairs) held.add(pair.client);
    },
    restore() {
      cut = false;
      for (const socket of held) socket.destroy();
      held.clear();
    },
    async close() {
      for (const socket of held) socket.destroy();
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream?.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
