import type { LoggerService } from '../../../../framework/api';

export interface LogLine {
  level: string;
  message: string;
  meta: Record<string, unknown>;
  /** When the line was logged (epoch ms). */
  at: number;
}

/** A logger that keeps every line (with its children's metadata) for assertions. */
export function captureLogger(lines: LogLine[] = [], base: Record<string, unknown> = {}): LoggerService & { lines: LogLine[] } {
  const log = (level: string) => (message: string, meta?: unknown) =>
    void lines.push({
      level,
      message,
      at: Date.now(),
      meta: { ...base, ...(meta instanceof Error ? { error: meta.message } : (meta as object)) },
    });
  return {
    lines,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (meta) => captureLogger(lines, { ...base, ...meta }),
  };
}
