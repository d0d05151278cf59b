import { coreServices, createServiceFactory } from '../../api';
import { DefaultUserInfoService } from './DefaultUserInfoService';

export const userInfoServiceFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => new DefaultUserInfoService(),
});
