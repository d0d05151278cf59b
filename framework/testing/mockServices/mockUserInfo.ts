import {
  coreServices,
  createServiceFactory,
  InputError,
  type BackstageCredentials,
  type BackstageUserInfo,
  type UserInfoService,
} from '../../api';
import { createServiceMock } from './createServiceMock';

/** User info for mock user credentials: the user owns itself plus `ownershipEntityRefs` (per user ref, optional). */
export class MockUserInfoService implements UserInfoService {
  readonly #ownership: Record<string, string[]>;

  constructor(ownership: Record<string, string[]> = {}) {
    this.#ownership = ownership;
  }

  async getUserInfo(credentials: BackstageCredentials): Promise<BackstageUserInfo> {
    const principal = credentials.principal as { type?: string; userEntityRef?: string };
    if (principal.type !== 'user' || !principal.userEntityRef) {
      throw new InputError(`getUserInfo: user credentials are required, got '${principal.type}'`);
    }
    const ref = principal.userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: this.#ownership[ref] ?? [ref] };
  }
}

/** `mockServices.userInfo({ 'user:default/jane': ['user:default/jane', 'group:default/a'] })` */
export function mockUserInfo(ownership?: Record<string, string[]>): MockUserInfoService {
  return new MockUserInfoService(ownership);
}
mockUserInfo.factory = (ownership?: Record<string, string[]>) =>
  createServiceFactory({ service: coreServices.userInfo, deps: {}, factory: () => new MockUserInfoService(ownership) });
mockUserInfo.mock = createServiceMock<UserInfoService>(coreServices.userInfo, ['getUserInfo']);
