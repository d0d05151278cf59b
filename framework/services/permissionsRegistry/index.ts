export { permissionsRegistryServiceFactory } from './permissionsRegistryServiceFactory';
