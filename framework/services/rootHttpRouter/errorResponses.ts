import { randomUUID } from 'crypto';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { NotFoundError, statusCodeForError } from '../../api';
import type { LoggerService } from '../../api';
import { isDatabaseUnavailable } from '../database';
import { isExpectedUnavailable } from './expectedUnavailability';
import { ServerErrorLog } from './ServerErrorLog';

/** The JSON body of every error response the backend sends. */
export interface ErrorResponseBody {
  error: { name: string; message: string; stack?: string };
  request: { method: string; url: string };
  response: { statusCode: number };
  /** On server errors (not the backend's own expected 503s): the log line carries the same id. */
  requestId?: string;
}

export interface ErrorResponseOptions {
  /** Include stack traces; only meant for development (`NODE_ENV=development`). */
  showStackTraces: boolean;
  logger: LoggerService;
  /**
   * Say what failed only in general terms in 5xx bodies (no SQL, database names or host:port); defaults to
   * `NODE_ENV=production`. The full error is always in the log line that carries the request id.
   */
  hideInternals?: boolean;
}

// One summarising log per logger, so repeated identical errors are counted across every handler that shares it.
const errorLogs = new WeakMap<LoggerService, ServerErrorLog>();

function errorLogFor(logger: LoggerService): ServerErrorLog {
  let log = errorLogs.get(logger);
  if (!log) errorLogs.set(logger, (log = new ServerErrorLog(logger)));
  return log;
}

/**
 * Writes `error` as the JSON error body with the status its class maps to: 503 for an unreachable database,
 * 500 for anything unknown. Server errors get a request id, in the body and on the log line.
 */
export function sendErrorResponse(req: Request, res: Response, error: unknown, options: ErrorResponseOptions): void {
  const err = toError(error);
  const statusCode = statusCodeForError(error) ?? (isDatabaseUnavailable(error) ? 503 : 500);
  const body: ErrorResponseBody = {
    error: { name: err.name, message: err.message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode },
  };
  let hidden = false;
  if (statusCode >= 500) {
    if (isExpectedUnavailable(error)) {
      options.logger.debug(`${req.method} ${pathOf(req)} ${statusCode}: ${err.message}`);
    } else {
      const requestId = randomUUID();
      body.requestId = requestId;
      errorLogFor(options.logger).report({ method: req.method, path: pathOf(req), statusCode, requestId, error: err });
      hidden = options.hideInternals ?? process.env.NODE_ENV === 'production';
      if (hidden) body.error = publicError(statusCode, error);
    }
  }
  if (options.showStackTraces && !hidden && err.stack) body.error.stack = err.stack;
  res.status(statusCode).json(body);
}

/** What a production 5xx body says: the kind of failure, never the error's own text. */
function publicError(statusCode: number, error: unknown): ErrorResponseBody['error'] {
  if (isDatabaseUnavailable(error)) {
    return {
      name: 'ServiceUnavailableError',
      message: 'A service this request needs (such as the database) is unavailable; try again later',
    };
  }
  switch (statusCode) {
    case 501:
      return { name: 'NotImplementedError', message: 'This operation is not implemented' };
    case 502:
      return { name: 'BadGatewayError', message: 'An upstream service answered with an error' };
    case 503:
      return { name: 'ServiceUnavailableError', message: 'The service is temporarily unavailable; try again later' };
    case 504:
      return { name: 'GatewayTimeoutError', message: 'An upstream service did not answer in time' };
    default:
      return { name: 'InternalServerError', message: 'The request failed because of an internal error' };
  }
}

/** Last middleware: thrown and `next(err)` errors become JSON error responses. */
export function createErrorHandler(options: ErrorResponseOptions): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      // The status line is gone; the only honest signal left is cutting the connection.
      options.logger.error(`Request failed after the response started: ${req.method} ${pathOf(req)}`, toError(error));
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

/** The request's path without its query string: queries can carry tokens, which never go to the logs. */
export function pathOf(req: Request): string {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
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
