import type { LoggerService, SchedulerServiceTaskFunction } from '../../api';

export interface TaskRunOptions {
  id: string;
  fn: SchedulerServiceTaskFunction;
  timeoutMs: number;
  /** Fires when the scheduler shuts down or the task's own signal aborts. */
  stop: AbortSignal;
  /** Fires when cancelTask() cancels this one run; the schedule goes on. */
  cancel?: AbortSignal;
  logger: LoggerService;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** The reason a cancelled run's signal carries; also what a cancelled global run stores as its last error. */
export function cancelledError(id: string): Error {
  return namedError('AbortError', `Task '${id}' was cancelled`);
}

/**
 * Runs one invocation with a signal that aborts on timeout, on stop and on cancellation. Never throws: a failed
 * run is logged and returned, so one bad run does not stop the schedule.
 */
export async function runTaskFunction({ id, fn, timeoutMs, stop, cancel, logger }: TaskRunOptions): Promise<Error | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(namedError('TimeoutError', `Task '${id}' timed out after ${timeoutMs} ms`)),
    Math.min(timeoutMs, 2 ** 31 - 1),
  );
  const onStop = () => controller.abort(namedError('AbortError', `Task '${id}' was aborted because the scheduler is stopping`));
  let cancelled = false;
  const onCancel = () => {
    if (controller.signal.aborted) return;
    cancelled = true;
    controller.abort(cancelledError(id));
  };
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop);
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel);
  const started = Date.now();
  try {
    await fn(controller.signal);
    logger.debug(`Task '${id}' finished`, { task: id, durationMs: Date.now() - started });
    return undefined;
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    // A run that ends by throwing after it was cancelled did what was asked: not a failure worth an error line.
    if (cancelled) {
      logger.info(`Task '${id}' ended after it was cancelled: ${failure.message}`);
    } else {
      logger.error(`Task '${id}' failed: ${failure.message}`, failure);
    }
    return failure;
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
    cancel?.removeEventListener('abort', onCancel);
  }
}
