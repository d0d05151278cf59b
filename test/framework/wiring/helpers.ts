import {
  coreServices,
  createServiceFactory,
  createSpecializedBackend,
  type ForkliftStartupError,
  type ServiceFactory,
} from 'forklift/framework';
import { MockLogger, mockServices } from 'forklift/framework/testing';
import { lifecycleServiceFactory } from '../../../framework/services/lifecycle';
import { rootLifecycleServiceFactory } from '../../../framework/services/rootLifecycle';

/** A bare backend with only logging, config and lifecycles, all recording into `logger`. */
export function makeBackend(options: { config?: Record<string, unknown>; extra?: ServiceFactory[] } = {}) {
  const logger = new MockLogger();
  const backend = createSpecializedBackend({
    defaultServiceFactories: [
      createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => logger }),
      createServiceFactory({
        service: coreServices.logger,
        deps: { meta: coreServices.pluginMetadata },
        factory: ({ meta }) => logger.child({ plugin: meta.getId() }),
      }),
      mockServices.rootConfig.factory({ data: (options.config ?? {}) as never }),
      rootLifecycleServiceFactory,
      lifecycleServiceFactory,
      ...(options.extra ?? []),
    ],
  });
  return { backend, logger };
}

/**
 * What the container throws, read loosely enough for assertions: a ForkliftBackendError, or a
 * ForkliftStartupError with its `errors` (undefined on the others, which an assertion then reports).
 */
export type CaughtError = ForkliftStartupError & { cause: { code?: string; message: string } };

/** The rejection of a promise, or a failure if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<CaughtError> {
  try {
    await promise;
  } catch (error) {
    return error as CaughtError;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** The error a function throws, or a failure if it returned. */
export function thrownBy(fn: () => unknown): CaughtError {
  try {
    fn();
  } catch (error) {
    return error as CaughtError;
  }
  throw new Error('expected the function to throw, but it returned');
}
