/** The legacy express middleware, each the framework's own handler under its old name. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { LoggerService } from '../../framework/api';
import { createErrorHandler, createNotFoundHandler, RequestTracker } from '../../framework/services/rootHttpRouter';
import { legacyRootLoggerService } from './rootLogger';

function errorOptions(logger?: LoggerService) {
  return { showStackTraces: process.env.NODE_ENV === 'development', logger: logger ?? legacyRootLoggerService() };
}

/** JSON error responses with the status of the error class (InputError 400, NotFoundError 404, ...). */
export function errorHandler(options: { logger?: LoggerService } = {}): ErrorRequestHandler {
  return createErrorHandler(errorOptions(options.logger));
}

/** A JSON 404 for anything no router answered. */
export function notFoundHandler(): RequestHandler {
  return createNotFoundHandler(errorOptions());
}

/** One debug line per request: method, path, status and duration. */
export function requestLoggingHandler(logger?: LoggerService): RequestHandler {
  const requestLogger = (logger ?? legacyRootLoggerService()).child({ type: 'incomingRequest' });
  return new RequestTracker({ ...errorOptions(logger), requestLogger }).middleware();
}
