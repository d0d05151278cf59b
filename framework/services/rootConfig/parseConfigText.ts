import path from 'node:path';
import YAML from 'yaml';
import { ConfigError } from './ConfigError';
import { messageOf } from '../../wiring';

/**
 * Parses a config or included file by extension: `.json` as JSON, anything else as YAML.
 * Parse errors keep the position but drop the source excerpt, which may hold secrets.
 */
export function parseConfigText(text: string, file: string, display: string): unknown {
  const ext = path.extname(file).toLowerCase();
  try {
    if (ext === '.json') return JSON.parse(text);
    return YAML.parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const message = messageOf(error);
    const reason = ext === '.json' ? jsonReason(message) : message.split(/:\n|\n/)[0];
    throw new ConfigError('CONFIG_READ_FAILED', `Cannot parse config file '${display}' as ${ext === '.json' ? 'JSON' : 'YAML'}: ${reason}`);
  }
}

// V8 quotes part of the input in JSON errors; keep only the position.
function jsonReason(message: string): string {
  const at = /position \d+(?: \(line \d+ column \d+\))?/.exec(message);
  return at ? `invalid JSON at ${at[0]}` : 'invalid JSON';
}
