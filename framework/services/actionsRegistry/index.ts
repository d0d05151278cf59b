export { actionsRegistryServiceFactory } from './actionsRegistryServiceFactory';
