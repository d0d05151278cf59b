import jwt from 'jsonwebtoken';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import {
  createUserCredentials,
  DefaultAuthService,
  issueUserToken,
  readAuthKeys,
  readExternalAccess,
  TOKEN_TYPES,
} from '../../../../framework/services/auth';
import { DefaultUserInfoService } from '../../../../framework/services/userInfo';

const SECRET = 'user-info-test-secret-0123456789';
const config = new ConfigReader({ backend: { auth: { keys: [{ secret: SECRET }] } } });
const auth = new DefaultAuthService({ pluginId: 'todo', keys: readAuthKeys(config), externalTokens: readExternalAccess(config) });
const userInfo = new DefaultUserInfoService();

describe('userInfo.getUserInfo', () => {
  it('reads the user and their ownership refs from the token', async () => {
    const { token } = issueUserToken({
      secret: SECRET,
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['user:default/jane', 'group:default/team-a'],
    });
    const credentials = await auth.authenticate(token);
    await expect(userInfo.getUserInfo(credentials)).resolves.toEqual({
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['user:default/jane', 'group:default/team-a'],
    });
  });

  it('still knows the ownership refs behind a user cookie', async () => {
    const { token } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane', ownershipEntityRefs: ['group:default/ops'] });
    const limited = await auth.getLimitedUserToken((await auth.authenticate(token)) as never);
    const credentials = await auth.authenticate(limited.token, { allowLimitedAccess: true });
    await expect(userInfo.getUserInfo(credentials)).resolves.toEqual({
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['group:default/ops'],
    });
  });

  it('accepts the ownership claim spelled ownershipEntityRefs, and defaults to the user alone', async () => {
    const sign = (claims: object) =>
      jwt.sign({ sub: 'user:default/bob', aud: 'backstage', ...claims }, SECRET, {
        expiresIn: 60,
        header: { alg: 'HS256', typ: TOKEN_TYPES.user },
      });
    const spelled = await auth.authenticate(sign({ ownershipEntityRefs: ['group:default/x'] }));
    expect((await userInfo.getUserInfo(spelled)).ownershipEntityRefs).toEqual(['group:default/x']);
    const bare = await auth.authenticate(sign({}));
    expect((await userInfo.getUserInfo(bare)).ownershipEntityRefs).toEqual(['user:default/bob']);
  });

  it('refuses service credentials and credentials not made from a token', async () => {
    await expect(userInfo.getUserInfo(await auth.getOwnServiceCredentials())).rejects.toThrow(
      "getUserInfo: user credentials are required, got 'service'",
    );
    await expect(userInfo.getUserInfo(createUserCredentials('user:default/x'))).rejects.toThrow(
      "getUserInfo: the credentials of 'user:default/x' were not made from a token, so their ownership is unknown",
    );
  });
});
