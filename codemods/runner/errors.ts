import { ErrorCodes, type ErrorCode } from '../../framework/wiring';

/** Errors the runner raises for bad usage or a refused run: the CLI turns them into exit code 2. */
export class UsageError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'UsageError';
    this.code = code;
  }
}

/** `line N, column M: reason` from a parser or transform error, as precise as the error allows. */
export function describeError(error: unknown): string {
  const err = error as { message?: string; loc?: { line?: number; column?: number }; lineNumber?: number };
  const message = String(err?.message ?? error).split('\n')[0];
  const line = err?.loc?.line ?? err?.lineNumber ?? Number(/\((\d+):(\d+)\)/.exec(message)?.[1] ?? NaN);
  const column = err?.loc?.column ?? Number(/\((\d+):(\d+)\)/.exec(message)?.[2] ?? NaN);
  const where = Number.isFinite(line) ? `line ${line}${Number.isFinite(column) ? `, column ${column}` : ''}: ` : 'line unknown: ';
  return where + message.replace(/\s*\(\d+:\d+\)\s*$/, '');
}

/**
 * The run could not put its files on disk (a full disk, a lost permission). The message says what was
 * changed (nothing, or part of the run with a journal the next run finishes) and what to do; the CLI
 * prints it and exits with 1.
 */
export class WriteFailure extends Error {
  readonly code: ErrorCode = ErrorCodes.FORKLIFT_WRITE_FAILED;
  constructor(message: string) {
    super(message);
    this.name = 'WriteFailure';
  }
}
