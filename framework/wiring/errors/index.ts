/**
 * Forklift's errors: the one code table and error class (codes.ts), and the builders of each area's errors.
 * Importers use this file, so where a builder lives is free to change.
 */
export {
  ErrorCodes,
  ForkliftBackendError,
  ForkliftStartupError,
  isErrorCode,
  isForkliftBackendError,
  messageOf,
  throwCollected,
  type ErrorCode,
} from './codes';
export { describeConsumer, type Consumer } from './describe';
export * from './dependencies';
export * from './services';
export * from './features';
export * from './lifecycle';
