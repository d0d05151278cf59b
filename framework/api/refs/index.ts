export * from './ServiceRef';
export * from './ServiceFactory';
export * from './ExtensionPoint';
export * from './markers';
