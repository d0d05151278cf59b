export { PluginLifecycle } from './PluginLifecycle';
export { lifecycleServiceFactory } from './factory';
