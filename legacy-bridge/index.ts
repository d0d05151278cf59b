/**
 * `forklift/legacy-bridge`: the API legacy backends and plugins were written against, as thin faces over the
 * framework's services, and `legacyPlugin` / `makeLegacyPlugin`, which run an old plugin inside the new backend.
 */
export * from './types';
export * from './bridge';
export * from './runtime';
export {
  CustomError,
  InputError,
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
  NotModifiedError,
  NotImplementedError,
  ServiceUnavailableError,
} from '../framework/api';
