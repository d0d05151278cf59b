export { metricsServiceFactory } from './metricsServiceFactory';
