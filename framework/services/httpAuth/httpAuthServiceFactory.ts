import { coreServices, createServiceFactory } from '../../api';
import { DefaultHttpAuthService } from './DefaultHttpAuthService';

export const httpAuthServiceFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { auth: coreServices.auth },
  factory: ({ auth }) => new DefaultHttpAuthService({ auth }),
});
