import { coreServices, createServiceFactory } from '../../api';
import { AllowListUrlReader } from './AllowListUrlReader';

/** The allow-list is read once per backend; every plugin shares the reader. */
export const urlReaderServiceFactory = createServiceFactory({
  service: coreServices.urlReader,
  deps: { config: coreServices.rootConfig },
  createRootContext({ config }) {
    return AllowListUrlReader.fromConfig(config);
  },
  factory(_deps, reader) {
    return reader;
  },
});
