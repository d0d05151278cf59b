export * from './types';
export { createBackendPlugin, type CreateBackendPluginOptions } from './createBackendPlugin';
export { createBackendModule, type CreateBackendModuleOptions } from './createBackendModule';
export { createBackendFeatureLoader, type CreateBackendFeatureLoaderOptions } from './createBackendFeatureLoader';
export { FEATURE_ID_PATTERN } from './featureRegistration';
export { isBackendFeature } from './isBackendFeature';
