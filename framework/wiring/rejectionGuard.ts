import type { LoggerService } from '../api';
import { messageOf } from './errors';
import { currentPluginScope } from './pluginScope';
import { RepeatCounter } from './RepeatCounter';

/**
 * A promise rejection nobody handled ends a Node process by default. One careless `async` handler in one
 * plugin must not take every other plugin down, so while a backend runs, such rejections are logged with the
 * plugin they came from (see pluginScope) and, inside a request, answered; the process keeps serving.
 * One listener per process, shared by every running backend (tests run several).
 */
const loggers: LoggerService[] = [];

// A handler that fails on every request during an outage: the first line in full, then a count.
const repeats = new RepeatCounter<{ logger?: LoggerService; plugin?: string }>((origin, count, { logger, plugin }) =>
  logger?.error(`${count} more unhandled promise rejection(s) ${origin} in the last ${Math.round(repeats.intervalMs / 1000)}s`, {
    ...(plugin ? { plugin } : {}),
    repeated: count,
  }),
);

function onUnhandledRejection(reason: unknown): void {
  const scope = currentPluginScope();
  const logger = scope?.logger ?? loggers[loggers.length - 1];
  let outcome: string | undefined;
  try {
    outcome = scope?.onUnhandledRejection?.(reason);
  } catch (error) {
    outcome = `answering it failed too: ${messageOf(error)}`;
  }
  const origin = scope?.pluginId ? `in plugin '${scope.pluginId}'` : scope ? 'in a request handler' : 'outside any plugin';
  const error = reason instanceof Error ? reason : new Error(`Non-error value rejected: ${String(reason)}`);
  if (!repeats.admit(`${origin}: ${error.message}`, { logger, plugin: scope?.pluginId })) return;
  logger?.error(`Unhandled promise rejection ${origin}${outcome ? ` (${outcome})` : ''}; the backend keeps running: ${error.message}`, {
    ...(scope?.pluginId ? { plugin: scope.pluginId } : {}),
    error,
  });
}

/** Starts guarding for one backend; the returned function stops it (the listener goes when the last backend stops). */
export function guardUnhandledRejections(logger: () => LoggerService): () => void {
  const entry: LoggerService = lazyLogger(logger);
  loggers.push(entry);
  if (loggers.length === 1) process.on('unhandledRejection', onUnhandledRejection);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    loggers.splice(loggers.indexOf(entry), 1);
    if (loggers.length === 0) process.removeListener('unhandledRejection', onUnhandledRejection);
  };
}

/** The backend's logger is known only once it has started; ask for it when a line is written. */
function lazyLogger(get: () => LoggerService): LoggerService {
  return {
    error: (message, meta) => get().error(message, meta),
    warn: (message, meta) => get().warn(message, meta),
    info: (message, meta) => get().info(message, meta),
    debug: (message, meta) => get().debug(message, meta),
    child: (meta) => get().child(meta),
  };
}
