export { AllowListUrlReader } from './AllowListUrlReader';
export { urlReaderServiceFactory } from './urlReaderServiceFactory';
export { readAllowList, type ReadingAllowList, type HostRule } from './readingAllowList';
export { treeResponse } from './treeResponse';
