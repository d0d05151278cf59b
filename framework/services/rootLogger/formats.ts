import pc from 'picocolors';
import winston from 'winston';
import type { Redactor } from './Redactor';

export type LogFormat = 'json' | 'pretty';

/** Runs first in the chain, so neither later formats nor any transport ever sees a secret. */
function redactionFormat(redactor: Redactor): winston.Logform.Format {
  return winston.format((info) => {
    const record = info as unknown as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key !== 'level') record[key] = redactor.redact(record[key]);
    }
    return info;
  })();
}

export function createFormat(format: LogFormat, redactor: Redactor, colors: boolean): winston.Logform.Format {
  const finish = format === 'json' ? winston.format.json() : prettyFormat(colors);
  return winston.format.combine(redactionFormat(redactor), winston.format.timestamp(), finish);
}

type Colors = ReturnType<typeof pc.createColors>;

const LEVEL_COLORS: Record<string, keyof Colors> = {
  error: 'red',
  warn: 'yellow',
  info: 'green',
  http: 'cyan',
  verbose: 'blue',
  debug: 'blue',
  silly: 'magenta',
};

/** One readable line: time, level, plugin/module, message, then key=value fields; stacks below. */
function prettyFormat(colors: boolean): winston.Logform.Format {
  const c = pc.createColors(colors);
  return winston.format.printf((info) => {
    const { timestamp, level, message, plugin, module: moduleId, ...fields } = info as Record<string, unknown>;
    const colorize = c[LEVEL_COLORS[String(level)] ?? 'white'] as (text: string) => string;
    const source = [plugin, moduleId].filter((s) => s !== undefined && s !== '').join('/');
    let line = `${c.dim(String(timestamp))} ${colorize(String(level).padEnd(5))} `;
    if (source) line += `${c.magenta(source)} `;
    line += typeof message === 'string' ? message : stringify(message);
    const stacks: string[] = [];
    for (const [key, value] of Object.entries(fields)) {
      // Serialised errors show as `name: message` inline, with their stack on the following lines.
      const stack = (value as { stack?: unknown } | null)?.stack;
      if (typeof stack === 'string') {
        const { name, message: text } = value as { name?: unknown; message?: unknown };
        line += ` ${c.dim(`${key}=`)}${stringify(`${String(name ?? 'Error')}: ${String(text ?? '')}`)}`;
        stacks.push(c.dim(stack));
      } else {
        line += ` ${c.dim(`${key}=`)}${typeof value === 'string' ? value : stringify(value)}`;
      }
    }
    return stacks.length > 0 ? `${line}\n${stacks.join('\n')}` : line;
  });
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
