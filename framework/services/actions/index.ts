export { actionsServiceFactory } from './actionsServiceFactory';
export { ResponseError } from './ResponseError';
