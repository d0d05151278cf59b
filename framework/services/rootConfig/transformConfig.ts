import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject, JsonValue } from '../../api';
import { ConfigError } from './ConfigError';
import { isObject, setOwn } from './configLayers';
import { parseConfigText } from './parseConfigText';
import { substituteString } from './substitution';
import { messageOf } from '../../wiring';

/** State shared by one file's transform, including the files it includes. */
export interface TransformContext {
  env: Record<string, string | undefined>;
  /** Values that came from substitution; the logger redacts them. */
  secrets: Set<string>;
  /** Used to name the file in errors; relative to the working directory where possible. */
  displayPath(file: string): string;
}

const SPECIAL_KEYS = ['$env', '$file', '$include'] as const;

/**
 * Resolves `${VAR}` in strings and the `$env`, `$file` and `$include` forms in a parsed config file.
 * Values that resolve to nothing (an unset variable) are dropped, so the key reads as absent.
 */
export async function transformConfig(
  value: unknown,
  file: string,
  ctx: TransformContext,
  includeChain: string[] = [file],
): Promise<JsonValue | undefined> {
  return transformValue(value, '', file, ctx, includeChain);
}

async function transformValue(
  value: unknown,
  key: string,
  file: string,
  ctx: TransformContext,
  chain: string[],
): Promise<JsonValue | undefined> {
  const where = () => `at '${key || '<root>'}' in '${ctx.displayPath(file)}'`;
  if (typeof value === 'string') {
    return substituteString(value, where(), ctx.env, ctx.secrets);
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (let index = 0; index < value.length; index++) {
      const item = await transformValue(value[index], `${key}[${index}]`, file, ctx, chain);
      // Keep positions stable: an unresolved entry becomes null rather than shifting its neighbours.
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  if (isObject(value)) {
    const special = SPECIAL_KEYS.find((k) => Object.prototype.hasOwnProperty.call(value, k));
    if (special) {
      if (Object.keys(value).length !== 1) {
        throw new ConfigError(
          'CONFIG_SUBSTITUTION_FAILED',
          `'${special}' must be the only key of its object ${where()}: move the other keys elsewhere`,
        );
      }
      return resolveSpecial(special, value[special], key, file, ctx, chain, where);
    }
    const out: JsonObject = {};
    for (const [k, child] of Object.entries(value)) {
      const resolved = await transformValue(child, key ? `${key}.${k}` : k, file, ctx, chain);
      if (resolved !== undefined) setOwn(out, k, resolved);
    }
    return out;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new ConfigError(
    'CONFIG_READ_FAILED',
    `Unsupported value of type ${typeof value} ${where()}: use strings, numbers, booleans, lists or maps`,
  );
}

async function resolveSpecial(
  special: (typeof SPECIAL_KEYS)[number],
  arg: unknown,
  key: string,
  file: string,
  ctx: TransformContext,
  chain: string[],
  where: () => string,
): Promise<JsonValue | undefined> {
  if (typeof arg !== 'string' || arg === '') {
    throw new ConfigError('CONFIG_SUBSTITUTION_FAILED', `'${special}' needs a non-empty string ${where()}`);
  }
  if (special === '$env') {
    const value = ctx.env[arg];
    if (value !== undefined) ctx.secrets.add(value);
    return value;
  }
  const target = path.resolve(path.dirname(file), arg);
  let text: string;
  try {
    text = await readFile(target, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : messageOf(error);
    throw new ConfigError(
      'CONFIG_SUBSTITUTION_FAILED',
      `Cannot read '${special}: ${arg}' ${where()}: ${reason} (looked for '${ctx.displayPath(target)}')`,
    );
  }
  if (special === '$file') {
    // Secrets files usually end in a newline that log lines never show; redact both forms.
    ctx.secrets.add(text);
    if (text.trim() !== '') ctx.secrets.add(text.trim());
    return text;
  }
  if (chain.includes(target)) {
    const cycle = [...chain, target].map((f) => `'${ctx.displayPath(f)}'`).join(' -> ');
    throw new ConfigError('CONFIG_SUBSTITUTION_FAILED', `'$include' cycle ${where()}: ${cycle}`);
  }
  const parsed = parseConfigText(text, target, ctx.displayPath(target));
  return transformValue(parsed, key, target, ctx, [...chain, target]);
}
