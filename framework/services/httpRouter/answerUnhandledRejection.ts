import type { NextFunction, Response } from 'express';

/**
 * Answers a request whose handler rejected a promise nobody caught: passed on as the request's error (the JSON
 * error body, 500 unless the error says otherwise) while the response has not started; a response that has
 * started cannot change its status, so its connection is closed. Returns what was done, for the log line.
 */
export function answerUnhandledRejection(res: Response, next: NextFunction, reason: unknown): string {
  if (!res.headersSent) {
    next(reason instanceof Error ? reason : new Error(`A handler rejected a promise with a non-error value: ${String(reason)}`));
    return 'answered with an error response';
  }
  if (!res.writableEnded) {
    res.destroy();
    return 'its response had started, so its connection was closed';
  }
  return 'its response had already been sent';
}
