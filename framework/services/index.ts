/**
 * Every core service's default factory. `createBackend()` installs all of them; a factory passed to
 * `backend.add()` for the same id replaces the default.
 */
import type { ServiceFactory } from '../api';

export const defaultServiceFactories: ServiceFactory[] = [];
