import type { BackstageCredentials } from './AuthService';

export interface BackstageUserInfo {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

export interface UserInfoService {
  /** The user behind user credentials; throws for other credentials. */
  getUserInfo(credentials: BackstageCredentials): Promise<BackstageUserInfo>;
}
