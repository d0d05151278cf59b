import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';

type AnyHandler = RequestHandler | ErrorRequestHandler;

interface Run {
  req: Request;
  res: Response;
  out: NextFunction;
  parentNext: NextFunction | undefined;
  index: number;
  next: NextFunction;
}

/**
 * Handlers mounted at the root of a plugin's base path, run in order with express's rules: an error skips
 * to the next error handler (four parameters), a thrown error becomes `next(error)`, `next('route')` counts
 * as no error, `next('router')` leaves the chain. A plain express Router would do the same with a layer
 * stack and path matching that handlers at the root never need; this sits on every plugin request.
 */
export class MiddlewareChain {
  readonly #handlers: AnyHandler[] = [];

  add(handler: AnyHandler): void {
    this.#handlers.push(handler);
  }

  handler(): RequestHandler {
    const handlers = this.#handlers;
    return (req, res, out) => {
      const run: Run = { req, res, out, parentNext: req.next, index: 0, next: out };
      run.next = (err?: unknown) => step(handlers, run, err);
      step(handlers, run, undefined);
    };
  }
}

function step(handlers: AnyHandler[], run: Run, err: unknown): void {
  if (err === 'router') return exit(run, undefined);
  const error = err === 'route' ? undefined : err;
  while (run.index < handlers.length) {
    const handler = handlers[run.index++];
    const handlesErrors = handler.length === 4;
    if (Boolean(error) !== handlesErrors) continue;
    run.req.next = run.next;
    try {
      if (handlesErrors) (handler as ErrorRequestHandler)(error, run.req, run.res, run.next);
      else (handler as RequestHandler)(run.req, run.res, run.next);
    } catch (thrown) {
      run.next(thrown);
    }
    return;
  }
  exit(run, error);
}

function exit(run: Run, error: unknown): void {
  run.req.next = run.parentNext;
  run.out(error as Error | undefined);
}
