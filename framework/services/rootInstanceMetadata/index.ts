export { rootInstanceMetadataServiceFactory } from './factory';
