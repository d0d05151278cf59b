import type { LoggerService, SchedulerServiceTaskFunction } from '../../api';

export interface TaskRunOptions {
  id: string;
  fn: SchedulerServiceTaskFunction;
  timeoutMs: number;
  /** Fires when the scheduler shuts down or the task's own signal aborts. */
  stop: AbortSignal;
  logger: LoggerService;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * Runs one invocation with a signal that aborts on timeout and on stop. Never throws: a failed run is logged
 * and returned, so one bad run does not stop the schedule.
 */
export async function runTaskFunction({ id, fn, timeoutMs, stop, logger }: TaskRunOptions): Promise<Error | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(namedError('TimeoutError', `Task '${id}' timed out after ${timeoutMs} ms`)),
    Math.min(timeoutMs, 2 ** 31 - 1),
  );
  const onStop = () => controller.abort(namedError('AbortError', `Task '${id}' was aborted because the scheduler is stopping`));
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop);
  const started = Date.now();
  try {
    await fn(controller.signal);
    logger.debug(`Task '${id}' finished`, { task: id, durationMs: Date.now() - started });
    return undefined;
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    logger.error(`Task '${id}' failed: ${failure.message}`, failure);
    return failure;
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}
