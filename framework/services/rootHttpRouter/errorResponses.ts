import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { NotFoundError, statusCodeForError } from '../../api';
import type { LoggerService } from '../../api';

/** The JSON body of every error response the backend sends. */
export interface ErrorResponseBody {
  error: { name: string; message: string; stack?: string };
  request: { method: string; url: string };
  response: { statusCode: number };
}

export interface ErrorResponseOptions {
  /** Include stack traces; only meant for development (`NODE_ENV=development`). */
  showStackTraces: boolean;
  logger: LoggerService;
}

/** Writes `error` as the JSON error body with the status its class maps to (500 for unknown errors). */
export function sendErrorResponse(req: Request, res: Response, error: unknown, options: ErrorResponseOptions): void {
  const statusCode = statusCodeForError(error) ?? 500;
  const err = toError(error);
  if (statusCode >= 500) {
    options.logger.error(`Request failed: ${req.method} ${req.originalUrl} ${statusCode}`, err);
  }
  const body: ErrorResponseBody = {
    error: { name: err.name, message: err.message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode },
  };
  if (options.showStackTraces && err.stack) body.error.stack = err.stack;
  res.status(statusCode).json(body);
}

/** Last middleware: thrown and `next(err)` errors become JSON error responses. */
export function createErrorHandler(options: ErrorResponseOptions): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      // The status line is gone; the only honest signal left is cutting the connection.
      options.logger.error(`Request failed after the response started: ${req.method} ${req.originalUrl}`, toError(error));
      req.socket.destroy();
      return;
    }
    sendErrorResponse(req, res, error, options);
  };
}

/** Unknown routes: a JSON 404 rather than express's HTML page. */
export function createNotFoundHandler(options: ErrorResponseOptions): RequestHandler {
  return (req, res) => {
    // The full path, not the one relative to where this handler is mounted: the caller asked for that.
    sendErrorResponse(req, res, new NotFoundError(`No route for ${req.method} ${req.baseUrl}${req.path}`), options);
  };
}

function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  const { message, name } = (error ?? {}) as { message?: unknown; name?: unknown };
  if (typeof error === 'object' && typeof message === 'string') {
    const e = new Error(message);
    e.name = typeof name === 'string' ? name : 'Error';
    return e;
  }
  return new Error(`Non-error value thrown: ${String(error)}`);
}
