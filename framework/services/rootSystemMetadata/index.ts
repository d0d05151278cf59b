export { rootSystemMetadataServiceFactory } from './rootSystemMetadataServiceFactory';
