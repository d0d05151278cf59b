export { DefaultUserInfoService } from './DefaultUserInfoService';
export { userInfoServiceFactory } from './userInfoServiceFactory';
