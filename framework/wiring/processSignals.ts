import type { LoggerService } from '../api';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Stops the backend on SIGTERM or SIGINT and exits: 0 after a clean shutdown, 1 when a shutdown hook failed.
 * Returns a function that removes the handlers again, so a stopped backend leaves no listeners behind.
 */
export function handleProcessSignals(
  stopAndReport: () => Promise<unknown[]>,
  getLogger: () => LoggerService,
  exit: (code: number) => void = (code) => process.exit(code),
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
