import { ServiceUnavailableError } from '../../api';

const expected = new WeakSet<object>();

/**
 * A 503 that the backend itself answers in a normal situation: still starting, shutting down, a plugin left out
 * at boot. Its message is written by the framework (safe to show in production) and it is not an error in the
 * logs: a rolling restart must not page anyone.
 */
export function expectedUnavailable(message: string): ServiceUnavailableError {
  const error = new ServiceUnavailableError(message);
  expected.add(error);
  return error;
}

export function isExpectedUnavailable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && expected.has(error);
}
