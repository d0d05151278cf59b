import type { Config } from '../../api';

/** One `discovery.endpoints` entry, with its targets still holding `{{pluginId}}` placeholders. */
export interface DiscoveryEndpoint {
  plugins: string[];
  internal?: string;
  external?: string;
}

const PLACEHOLDER = /\{\{\s*pluginId\s*\}\}/g;
const ANY_PLACEHOLDER = /\{\{([^}]*)\}\}/g;

/** Fills `{{pluginId}}` (spaces inside the braces allowed) with the plugin id. */
export function fillTarget(target: string, pluginId: string): string {
  return target.replace(PLACEHOLDER, encodeURIComponent(pluginId));
}

/**
 * Reads and checks `discovery.endpoints` once, so a typo fails at startup with the key that holds it
 * rather than on the first cross-plugin call.
 */
export function readEndpoints(config: Config): DiscoveryEndpoint[] {
  const raw = config.getOptional<unknown>('discovery.endpoints');
  if (raw === undefined) {
    return [];
  }
  if (!Array.isArray(raw)) {
    throw new TypeError(`Invalid discovery.endpoints: expected a list of { target, plugins } entries, got ${describe(raw)}`);
  }
  return raw.map((entry, index) => readEntry(entry, `discovery.endpoints[${index}]`));
}

function readEntry(entry: unknown, key: string): DiscoveryEndpoint {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new TypeError(`Invalid ${key}: expected { target, plugins }, got ${describe(entry)}`);
  }
  const { target, plugins } = entry as { target?: unknown; plugins?: unknown };
  if (!Array.isArray(plugins) || plugins.length === 0 || !plugins.every((p) => typeof p === 'string' && p.length > 0)) {
    throw new TypeError(`Invalid ${key}.plugins: expected a non-empty list of plugin ids, got ${describe(plugins)}`);
  }
  if (typeof target === 'string') {
    const url = checkTarget(target, `${key}.target`);
    return { plugins: plugins as string[], internal: url, external: url };
  }
  if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    const { internal, external, ...rest } = target as { internal?: unknown; external?: unknown };
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
      throw new TypeError(`Invalid ${key}.target: unknown key '${unknownKeys[0]}'; a target object has only 'internal' and 'external'`);
    }
    if (internal === undefined && external === undefined) {
      throw new TypeError(`Invalid ${key}.target: give 'internal', 'external' or both`);
    }
    return {
      plugins: plugins as string[],
      internal: internal === undefined ? undefined : checkTarget(internal, `${key}.target.internal`),
      external: external === undefined ? undefined : checkTarget(external, `${key}.target.external`),
    };
  }
  throw new TypeError(`Invalid ${key}.target: expected a URL string or { internal, external }, got ${describe(target)}`);
}

function checkTarget(target: unknown, key: string): string {
  if (typeof target !== 'string' || target.length === 0) {
    throw new TypeError(`Invalid ${key}: expected a URL string, got ${describe(target)}`);
  }
  for (const match of target.matchAll(ANY_PLACEHOLDER)) {
    if (match[1].trim() !== 'pluginId') {
      throw new TypeError(`Invalid ${key} '${target}': unknown placeholder '${match[0]}'; the only placeholder is '{{pluginId}}'`);
    }
  }
  let url: URL;
  try {
    url = new URL(fillTarget(target, 'plugin'));
  } catch {
    throw new TypeError(`Invalid ${key} '${target}': not an absolute URL; write it like 'http://host:7007/api/{{pluginId}}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Invalid ${key} '${target}': only http and https URLs are supported`);
  }
  return target.replace(/\/+$/, '');
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
