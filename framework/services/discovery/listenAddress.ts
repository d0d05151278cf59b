import type { Config } from '../../api';

const DEFAULT_PORT = 7007;

/**
 * The address this backend serves on, as other processes on the same network reach it. Wildcard hosts
 * (`0.0.0.0`, `::`, empty) are what the server binds to, not something a client can dial, so they become
 * `localhost`.
 */
export function listenBaseUrl(config: Config): string {
  const https = config.getOptional<unknown>('backend.https');
  const protocol = https !== undefined && https !== false ? 'https' : 'http';
  const { host, port } = readListen(config);
  const dialHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const hostPart = dialHost.includes(':') && !dialHost.startsWith('[') ? `[${dialHost}]` : dialHost;
  return `${protocol}://${hostPart}:${port}`;
}

function readListen(config: Config): { host?: string; port: number } {
  const listen = config.getOptional<unknown>('backend.listen');
  if (listen === undefined) {
    return { port: DEFAULT_PORT };
  }
  if (typeof listen === 'number') {
    return { port: toPort(listen) };
  }
  if (typeof listen === 'string') {
    // ':7007', '0.0.0.0:7007', '[::1]:7007' or a bare port '7007'
    const match = /^(?:(\[[^\]]*\]|[^:]*):)?(\d+)$/.exec(listen.trim());
    if (!match) {
      throw new TypeError(`Invalid backend.listen '${listen}': use '<host>:<port>', ':<port>' or { host, port }`);
    }
    const host = match[1]?.replace(/^\[|\]$/g, '');
    return { host: host || undefined, port: toPort(match[2]) };
  }
  if (typeof listen === 'object' && listen !== null && !Array.isArray(listen)) {
    const { host, port } = listen as { host?: unknown; port?: unknown };
    if (host !== undefined && typeof host !== 'string') {
      throw new TypeError(`Invalid backend.listen.host ${JSON.stringify(host)}: use a host name or address string`);
    }
    return { host: host || undefined, port: port === undefined ? DEFAULT_PORT : toPort(port) };
  }
  throw new TypeError(`Invalid backend.listen ${JSON.stringify(listen)}: use '<host>:<port>', ':<port>' or { host, port }`);
}

function toPort(value: unknown): number {
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`Invalid backend.listen port ${JSON.stringify(value)}: use an integer from 0 to 65535`);
  }
  return port;
}
