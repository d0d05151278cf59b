import path from 'path';
import type { Config } from '../../api';

export const ALLOW_KEY = 'backend.reading.allow';

export interface HostRule {
  /** `host` or `host:port` as in `URL.host`, lower-cased; `*.example.com` matches any subdomain. */
  host: string;
  /** URL path prefixes; undefined allows every path. */
  paths?: string[];
}

export interface ReadingAllowList {
  hosts: HostRule[];
  /** Absolute directories whose files may be read. */
  directories: string[];
}

/**
 * Reads `backend.reading.allow`: entries with a `host` allow http(s) URLs on that host (optionally only under
 * `paths`); entries with only `paths` allow local files under those directories (relative ones resolve
 * against the working directory).
 */
export function readAllowList(config: Config): ReadingAllowList {
  const raw = config.getOptional<unknown>(ALLOW_KEY);
  const list: ReadingAllowList = { hosts: [], directories: [] };
  if (raw === undefined) {
    return list;
  }
  if (!Array.isArray(raw)) {
    throw new TypeError(`Invalid ${ALLOW_KEY}: expected a list of { host, paths? } or { paths } entries, got ${JSON.stringify(raw)}`);
  }
  raw.forEach((entry, index) => {
    const key = `${ALLOW_KEY}[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new TypeError(`Invalid ${key}: expected { host, paths? } or { paths }, got ${JSON.stringify(entry)}`);
    }
    const { host, paths } = entry as { host?: unknown; paths?: unknown };
    if (paths !== undefined && (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p.length > 0))) {
      throw new TypeError(`Invalid ${key}.paths: expected a list of non-empty strings, got ${JSON.stringify(paths)}`);
    }
    if (host === undefined) {
      if (!paths || paths.length === 0) {
        throw new TypeError(`Invalid ${key}: give a 'host' (for http URLs) or 'paths' (local directories for files)`);
      }
      list.directories.push(...(paths as string[]).map((dir) => path.resolve(dir)));
      return;
    }
    if (typeof host !== 'string' || !/^(\*\.)?[a-zA-Z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:.]+\](:\d+)?$/.test(host)) {
      throw new TypeError(
        `Invalid ${key}.host ${JSON.stringify(host)}: use a host name with an optional port, e.g. 'example.com' or 'localhost:8080'`,
      );
    }
    for (const prefix of (paths as string[] | undefined) ?? []) {
      if (!prefix.startsWith('/')) {
        throw new TypeError(`Invalid ${key}.paths entry '${prefix}': URL path prefixes start with '/'`);
      }
    }
    list.hosts.push({ host: host.toLowerCase(), paths: paths as string[] | undefined });
  });
  return list;
}

export function isUrlAllowed(list: ReadingAllowList, url: URL): boolean {
  const host = url.host.toLowerCase();
  return list.hosts.some(
    (rule) => hostMatches(rule.host, host) && (!rule.paths || rule.paths.some((prefix) => isUnder(url.pathname, prefix, '/'))),
  );
}

export function isFileAllowed(list: ReadingAllowList, filePath: string): boolean {
  return list.directories.some((dir) => isUnder(filePath, dir, path.sep));
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) {
    return host.endsWith(pattern.slice(1));
  }
  return pattern === host;
}

/** Prefix match on whole segments, so `/docs` allows `/docs/a` but not `/docs-private`. */
function isUnder(candidate: string, prefix: string, separator: string): boolean {
  if (prefix.endsWith(separator)) {
    return candidate.startsWith(prefix);
  }
  return candidate === prefix || candidate.startsWith(prefix + separator);
}
