import type { LoggerService } from '../../framework/api';

export interface LogLine {
  level: string;
  message: string;
  meta: Record<string, unknown>;
  /** When the line was logged (epoch ms). */
  at: number;
}

/** A logger that keeps every line (with its children's metadata) for assertions; `onLine` sees each as it comes. */
export function captureLogger(
  lines: LogLine[] = [],
  base: Record<string, unknown> = {},
  onLine?: (line: LogLine) => void,
): LoggerService & { lines: LogLine[] } {
  const log = (level: string) => (message: string, meta?: unknown) => {
    const line = {
      level,
      message,
      at: Date.now(),
      meta: { ...base, ...(meta instanceof Error ? { error: meta.message } : (meta as object)) },
    };
    lines.push(line);
    onLine?.(line);
  };
  return {
    lines,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (meta) => captureLogger(lines, { ...base, ...meta }, onLine),
  };
}
