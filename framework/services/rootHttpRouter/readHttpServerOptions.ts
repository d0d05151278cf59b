import type { Config } from '../../api';

export interface HttpServerOptions {
  listen: { host: string; port: number };
  https?: { certificate: { cert: string; key: string } };
}

const DEFAULT_PORT = 7007;

/**
 * Where and how the server listens: `backend.listen` (`{ host?, port? }` or the string form `'host:port'`
 * / `':port'`) and `backend.https.certificate` (`{ cert, key }` as PEM text). Port 0 picks a free port.
 */
export function readHttpServerOptions(config: Config): HttpServerOptions {
  return { listen: readListen(config), https: readHttps(config) };
}

function readListen(config: Config): HttpServerOptions['listen'] {
  const raw = config.getOptional('backend.listen');
  if (raw === undefined) return { host: '', port: DEFAULT_PORT };
  if (typeof raw === 'string') {
    const match = /^(.*):(\d+)$/.exec(raw.trim());
    if (!match) {
      throw new TypeError(`Invalid config for 'backend.listen': '${raw}' is not 'host:port' or ':port' (e.g. ':7007' or '127.0.0.1:7007')`);
    }
    return { host: match[1], port: checkPort(Number(match[2]), 'backend.listen') };
  }
  if (typeof raw === 'number') return { host: '', port: checkPort(raw, 'backend.listen') };
  const host = config.getOptionalString('backend.listen.host') ?? '';
  const port = config.getOptionalNumber('backend.listen.port') ?? DEFAULT_PORT;
  return { host, port: checkPort(port, 'backend.listen.port') };
}

function checkPort(port: number, key: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`Invalid config for '${key}': port ${port} is not an integer between 0 and 65535`);
  }
  return port;
}

function readHttps(config: Config): HttpServerOptions['https'] {
  const raw = config.getOptional('backend.https');
  if (raw === undefined || raw === false) return undefined;
  const cert = config.getOptionalString('backend.https.certificate.cert');
  const key = config.getOptionalString('backend.https.certificate.key');
  if (!cert || !key) {
    throw new TypeError(
      "Invalid config for 'backend.https': set 'backend.https.certificate.cert' and 'backend.https.certificate.key' to PEM text (for example with $file: server.crt); self-signed certificates are not generated",
    );
  }
  return { certificate: { cert, key } };
}
