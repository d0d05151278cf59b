export * from './ServiceRef';
export * from './ServiceFactory';
export * from './ExtensionPoint';
