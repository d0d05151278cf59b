export { DefaultHttpAuthService } from './DefaultHttpAuthService';
export { httpAuthServiceFactory } from './httpAuthServiceFactory';
export { USER_COOKIE_NAME, bearerToken, cookieToken } from './requestTokens';
