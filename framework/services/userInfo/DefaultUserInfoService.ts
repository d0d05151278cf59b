import { InputError, NotAllowedError, type BackstageCredentials, type BackstageUserInfo, type UserInfoService } from '../../api';
import { getUserTokenInfo, principalType } from '../auth';

/**
 * The user behind user credentials, read from the verified token they came from: its subject and the
 * ownership claim (`ent`, or `ownershipEntityRefs`). A token without that claim owns only the user itself.
 */
export class DefaultUserInfoService implements UserInfoService {
  async getUserInfo(credentials: BackstageCredentials): Promise<BackstageUserInfo> {
    const type = principalType(credentials);
    if (type !== 'user') {
      throw new InputError(`getUserInfo: user credentials are required, got '${type ?? 'not credentials'}'`);
    }
    const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
    const info = getUserTokenInfo(credentials);
    if (!info) {
      throw new NotAllowedError(
        `getUserInfo: the credentials of '${userEntityRef}' were not made from a token, so their ownership is unknown`,
      );
    }
    return { userEntityRef, ownershipEntityRefs: info.ownershipEntityRefs ?? [userEntityRef] };
  }
}
