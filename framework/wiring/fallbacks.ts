import type { LoggerService, LogMeta } from '../api';

/**
 * The logger the container uses when the backend has no core.rootLogger factory (a bare createSpecializedBackend):
 * errors and warnings go to stderr as single lines, everything else is dropped, and nothing goes through console.
 */
export function createFallbackLogger(fields: Record<string, unknown> = {}): LoggerService {
  const write = (level: string, message: string, meta?: LogMeta) => {
    const extra = meta instanceof Error ? { error: meta.message } : meta;
    const all = { ...fields, ...extra };
    const suffix = Object.keys(all).length > 0 ? ` ${safeJson(all)}` : '';
    process.stderr.write(`[forklift] ${level}: ${message}${suffix}\n`);
  };
  return {
    error: (message, meta) => write('error', message, meta),
    warn: (message, meta) => write('warn', message, meta),
    info: () => {},
    debug: () => {},
    child: (meta) => createFallbackLogger({ ...fields, ...meta }),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
