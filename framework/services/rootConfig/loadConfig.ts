import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject } from '../../api';
import { ConfigError } from './ConfigError';
import { ConfigReader, type ConfigSource } from './ConfigReader';
import { isObject } from './configLayers';
import { registerConfigSecrets } from './configSecrets';
import { readEnvOverrides } from './envOverrides';
import { parseConfigArgs } from './parseConfigArgs';
import { parseConfigText } from './parseConfigText';
import { transformConfig } from './transformConfig';
import { messageOf } from '../../wiring';

export interface LoadConfigOptions {
  /** Searched for `--config <path>` arguments; defaults to `process.argv`. */
  argv?: readonly string[];
  /** Where default files and relative `--config` paths are found; defaults to `process.cwd()`. */
  cwd?: string;
  /** Source of `${VAR}`, `$env` and `APP_CONFIG_*`; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Explicit files, in order; when given, `argv` and the default file names are ignored. */
  configPaths?: string[];
  /** Lowest-priority values; defaults to `BUILT_IN_CONFIG_DEFAULTS`. */
  defaults?: JsonObject;
}

export interface LoadedConfig {
  config: ConfigReader;
  /** Absolute paths of the files read, in priority order (last wins). */
  files: string[];
  /** Values that came from substitution (see `getConfigSecrets` for the full redaction list). */
  substitutedSecrets: ReadonlySet<string>;
}

/**
 * Just enough for a backend to start without any file. Database and cache choose their own defaults
 * when their keys are absent, so they are deliberately not here.
 */
const BUILT_IN_CONFIG_DEFAULTS: JsonObject = Object.freeze({
  backend: Object.freeze({ listen: Object.freeze({ port: 7007 }) }),
}) as JsonObject;

const DEFAULT_FILES = ['app-config.yaml', 'app-config.local.yaml'];

/**
 * Loads configuration: the built-in defaults, then `app-config.yaml` and `app-config.local.yaml` (or the
 * `--config` files), then `APP_CONFIG_*` overrides; later sources win.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const explicit = options.configPaths ?? parseConfigArgs(options.argv ?? process.argv);
  const display = (file: string) => {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  };

  let files: string[];
  if (explicit.length > 0) {
    files = explicit.map((p) => path.resolve(cwd, p));
  } else {
    files = [];
    for (const name of DEFAULT_FILES) {
      const file = path.join(cwd, name);
      if (await exists(file)) files.push(file);
    }
  }

  const secrets = new Set<string>();
  const sources: ConfigSource[] = [{ data: options.defaults ?? BUILT_IN_CONFIG_DEFAULTS }];
  for (const file of files) {
    sources.push({ data: await loadFile(file, display, env, secrets), context: display(file) });
  }
  sources.push(...readEnvOverrides(env));

  const config = ConfigReader.fromConfigs(sources);
  registerConfigSecrets(config, secrets);
  return { config, files, substitutedSecrets: secrets };
}

async function loadFile(
  file: string,
  display: (file: string) => string,
  env: Record<string, string | undefined>,
  secrets: Set<string>,
): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory' : messageOf(error);
    throw new ConfigError('CONFIG_READ_FAILED', `Cannot read config file '${display(file)}': ${reason}`);
  }
  const parsed = parseConfigText(text, file, display(file));
  if (parsed === null || parsed === undefined) return {};
  if (!isObject(parsed)) {
    throw new ConfigError(
      'CONFIG_READ_FAILED',
      `Config file '${display(file)}' must hold a map of keys at the top level, got ${Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`}`,
    );
  }
  const data = await transformConfig(parsed, file, { env, secrets, displayPath: display });
  return isObject(data) ? data : {};
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
