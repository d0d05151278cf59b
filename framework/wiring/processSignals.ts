import type { LoggerService } from '../api';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Stops the backend on SIGTERM or SIGINT and exits: 0 after a clean shutdown, 1 when a shutdown hook failed.
 * Returns a function that removes the handlers again, so a stopped backend leaves no listeners behind.
 */
export function handleProcessSignals(
  stopAndReport: () => Promise<unknown[]>,
  getLogger: () => LoggerService,
  exit: (code: number) => void = exitAfterFlush,
): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    getLogger().info(`Received ${signal}, shutting down`);
    stopAndReport().then(
      (errors) => exit(errors.length > 0 ? 1 : 0),
      (error) => {
        getLogger().error('Shutdown failed', error instanceof Error ? error : { error: String(error) });
        exit(1);
      },
    );
  };
  const remove = () => {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return remove;
}

/** process.exit drops output still queued for a pipe; wait until stdout and stderr have taken what was written. */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
