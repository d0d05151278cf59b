export { RootLifecycle } from './RootLifecycle';
export { rootLifecycleServiceFactory } from './factory';
