/**
 * Errors that plugin code throws to signal an HTTP outcome. The HTTP layer maps each `name` to a status
 * code, so these work across copies of the package: matching is by `name`, not `instanceof`.
 */
export class CustomError extends Error {
  readonly cause?: unknown;
  constructor(message?: string, cause?: unknown) {
    super(message);
    this.name = new.target.name;
    if (cause !== undefined) this.cause = cause;
  }
}

/** 400: the request is malformed or a value is out of range. */
export class InputError extends CustomError {}
/** 401: no or invalid credentials. */
export class AuthenticationError extends CustomError {}
/** 403: valid credentials, but not allowed. */
export class NotAllowedError extends CustomError {}
/** 404 */
export class NotFoundError extends CustomError {}
/** 409 */
export class ConflictError extends CustomError {}
/** 304: the caller's copy (etag) is current. */
export class NotModifiedError extends CustomError {}
/** 501 */
export class NotImplementedError extends CustomError {}
/** 503 */
export class ServiceUnavailableError extends CustomError {}

/** The HTTP status for a known error name, or undefined for anything else (which becomes 500). */
export function statusCodeForError(error: unknown): number | undefined {
  const name = (error as { name?: unknown })?.name;
  switch (name) {
    case 'InputError':
      return 400;
    case 'AuthenticationError':
      return 401;
    case 'NotAllowedError':
      return 403;
    case 'NotFoundError':
      return 404;
    case 'ConflictError':
      return 409;
    case 'NotModifiedError':
      return 304;
    case 'NotImplementedError':
      return 501;
    case 'ServiceUnavailableError':
      return 503;
    default: {
      const status = (error as { statusCode?: unknown; status?: unknown })?.statusCode ?? (error as { status?: unknown })?.status;
      return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
    }
  }
}
