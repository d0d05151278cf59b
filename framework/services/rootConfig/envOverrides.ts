import type { JsonObject, JsonValue } from '../../api';
import { ConfigError } from './ConfigError';
import type { ConfigSource } from './ConfigReader';
import { setOwn } from './configLayers';

const PREFIX = 'APP_CONFIG_';
const KEY_PART = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/i;

/**
 * `APP_CONFIG_backend_baseUrl=...` becomes `{ backend: { baseUrl: ... } }`, one source per variable
 * (named after it, for error messages). Values are parsed as JSON, falling back to the plain string.
 */
export function readEnvOverrides(env: Record<string, string | undefined>): ConfigSource[] {
  const names = Object.keys(env)
    .filter((name) => name.startsWith(PREFIX) && env[name] !== undefined)
    .sort();
  const paths = names.map((name) => {
    const parts = name.slice(PREFIX.length).split('_');
    if (!parts.every((p) => KEY_PART.test(p))) {
      throw new ConfigError(
        'CONFIG_INVALID_ENV_OVERRIDE',
        `Invalid config override environment variable '${name}': after '${PREFIX}' use key parts joined by '_', each starting with a letter (e.g. 'APP_CONFIG_backend_baseUrl')`,
      );
    }
    return parts;
  });
  for (let i = 0; i < names.length; i++) {
    for (let j = 0; j < names.length; j++) {
      if (i !== j && paths[j].length > paths[i].length && paths[i].every((p, k) => paths[j][k] === p)) {
        throw new ConfigError(
          'CONFIG_INVALID_ENV_OVERRIDE',
          `Config override environment variables '${names[i]}' and '${names[j]}' conflict: the first sets '${paths[i].join('.')}' to a value and the second sets a key inside it; keep one`,
        );
      }
    }
  }
  return names.map((name, i) => ({ data: nest(paths[i], parseValue(env[name] as string)), context: name }));
}

function parseValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

function nest(parts: string[], value: JsonValue): JsonObject {
  const root: JsonObject = {};
  let node = root;
  parts.forEach((part, index) => {
    if (index === parts.length - 1) {
      setOwn(node, part, value);
    } else {
      const child: JsonObject = {};
      setOwn(node, part, child);
      node = child;
    }
  });
  return root;
}
