import { generateKeyPairSync } from 'crypto';
import jwt from 'jsonwebtoken';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import {
  createUserCredentials,
  DefaultAuthService,
  type IssuerKeys,
  issueUserToken,
  LEGACY_SERVER_TOKEN_AUDIENCE,
  PLUGIN_TOKEN_TTL_MS,
  readAuthKeys,
  readExternalAccess,
  TOKEN_TYPES,
} from '../../../../framework/services/auth';

const SECRET = 'first-shared-secret-0123456789';
const OLD_SECRET = 'older-shared-secret-0123456789';

function authFor(pluginId: string, backend: object = { auth: { keys: [{ secret: SECRET }] } }) {
  const config = new ConfigReader({ backend } as never);
  return new DefaultAuthService({ pluginId, keys: readAuthKeys(config), externalTokens: readExternalAccess(config) });
}

describe('DefaultAuthService', () => {
  it('gives its own service credentials and none credentials', async () => {
    const auth = authFor('todo');
    const own = await auth.getOwnServiceCredentials();
    expect(own).toEqual({ $$type: '@backstage/BackstageCredentials', principal: { type: 'service', subject: 'plugin:todo' } });
    expect(auth.isPrincipal(own, 'service')).toBe(true);
    expect(auth.isPrincipal(own, 'user')).toBe(false);
    expect(auth.isPrincipal(own, 'unknown')).toBe(true);
    const none = await auth.getNoneCredentials();
    expect(none.principal).toEqual({ type: 'none' });
  });

  it('lists no public service keys: every token it issues is HS256 with a shared secret, without a key id', async () => {
    for (const backend of [{ auth: { keys: [{ secret: SECRET }] } }, {}]) {
      const auth = authFor('todo', backend);
      expect(await auth.listPublicServiceKeys()).toEqual({ keys: [] });
      const own = await auth.getOwnServiceCredentials();
      const { token } = await auth.getPluginRequestToken({ onBehalfOf: own, targetPluginId: 'catalog' });
      const header = jwt.decode(token, { complete: true })!.header;
      expect(header.alg).toBe('HS256');
      expect(header.kid).toBeUndefined();
    }
  });

  it('mints a short-lived HS256 plugin token for the target plugin, which only the target accepts', async () => {
    const caller = authFor('todo');
    const { token } = await caller.getPluginRequestToken({
      onBehalfOf: await caller.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const decoded = jwt.decode(token, { complete: true })!;
    expect(decoded.header).toEqual(expect.objectContaining({ alg: 'HS256', typ: TOKEN_TYPES.plugin }));
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload).toEqual(expect.objectContaining({ sub: 'plugin:todo', aud: 'catalog' }));
    expect(payload.exp! * 1000).toBeLessThanOrEqual(Date.now() + PLUGIN_TOKEN_TTL_MS + 1000);

    const credentials = await authFor('catalog').authenticate(token);
    expect(credentials.principal).toEqual({ type: 'service', subject: 'plugin:todo' });
    expect(credentials.expiresAt).toEqual(new Date(payload.exp! * 1000));
    await expect(authFor('scaffolder').authenticate(token)).rejects.toThrow(
      "Invalid token: it is addressed to plugin 'catalog', not to 'scaffolder'",
    );
  });

  it('accepts tokens for the legacy audience in every plugin (legacy tokenManager tokens had no target)', async () => {
    const legacy = authFor('legacy-backend');
    const { token } = await legacy.getPluginRequestToken({
      onBehalfOf: await legacy.getOwnServiceCredentials(),
      targetPluginId: LEGACY_SERVER_TOKEN_AUDIENCE,
    });
    await expect(authFor('catalog').authenticate(token)).resolves.toEqual(
      expect.objectContaining({ principal: { type: 'service', subject: 'plugin:legacy-backend' } }),
    );
    await expect(authFor('todo').authenticate(token)).resolves.toBeDefined();
  });

  it('forwards a user on behalf of the plugin, sends no token on behalf of nobody, and refuses hand-made user credentials', async () => {
    const auth = authFor('todo');
    const { token: userToken } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane' });
    const user = await auth.authenticate(userToken);
    expect(user.principal).toEqual({ type: 'user', userEntityRef: 'user:default/jane' });
    expect(JSON.stringify(user)).not.toContain(userToken);
    const { token: forwarded } = await auth.getPluginRequestToken({ onBehalfOf: user, targetPluginId: 'catalog' });
    // The catalog sees the user, acting through the todo plugin, and can forward the user on in turn.
    const atCatalog = await authFor('catalog').authenticate(forwarded);
    expect(atCatalog.principal).toEqual({
      type: 'user',
      userEntityRef: 'user:default/jane',
      actor: { type: 'service', subject: 'plugin:todo' },
    });
    await expect(authFor('search').authenticate(forwarded)).rejects.toThrow(/addressed to plugin 'catalog'/);
    const onward = await authFor('catalog').getPluginRequestToken({ onBehalfOf: atCatalog, targetPluginId: 'search' });
    expect((await authFor('search').authenticate(onward.token)).principal).toMatchObject({ userEntityRef: 'user:default/jane' });
    await expect(auth.getPluginRequestToken({ onBehalfOf: await auth.getNoneCredentials(), targetPluginId: 'catalog' })).resolves.toEqual({
      token: '',
    });
    await expect(
      auth.getPluginRequestToken({ onBehalfOf: createUserCredentials('user:default/x'), targetPluginId: 'catalog' }),
    ).rejects.toThrow('getPluginRequestToken: these user credentials carry no token to forward (were they made by hand?)');
    await expect(auth.getPluginRequestToken({ onBehalfOf: user, targetPluginId: '' })).rejects.toThrow(
      'getPluginRequestToken: targetPluginId must be the id of the plugin you call, e.g. "catalog"',
    );
  });

  it('accepts limited user tokens only with allowLimitedAccess, and never forwards them', async () => {
    const auth = authFor('todo');
    const { token: userToken } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane' });
    const user = await auth.authenticate(userToken);
    const limited = await auth.getLimitedUserToken(user as never);
    expect(limited.expiresAt).toEqual(user.expiresAt);
    expect(jwt.decode(limited.token, { complete: true })!.header.typ).toBe(TOKEN_TYPES.limitedUser);
    await expect(auth.authenticate(limited.token)).rejects.toThrow(
      'Limited user tokens (cookies) are only accepted on routes with a user-cookie auth policy',
    );
    const fromCookie = await auth.authenticate(limited.token, { allowLimitedAccess: true });
    expect(fromCookie.principal).toEqual({ type: 'user', userEntityRef: 'user:default/jane' });
    await expect(auth.getPluginRequestToken({ onBehalfOf: fromCookie, targetPluginId: 'x' })).rejects.toThrow(
      'a limited user token (from a cookie) cannot be forwarded to another plugin',
    );
  });

  it('rejects bad signatures, expired tokens, malformed tokens and unknown token types', async () => {
    const auth = authFor('todo');
    const forged = jwt.sign({ sub: 'plugin:evil', aud: 'todo' }, 'some-other-secret-0123456789', {
      expiresIn: 60,
      header: { alg: 'HS256', typ: TOKEN_TYPES.plugin },
    });
    await expect(auth.authenticate(forged)).rejects.toThrow(
      'Invalid token signature: it was not signed with a key of this backend (backend.auth.keys)',
    );
    const expired = jwt.sign({ sub: 'plugin:catalog', aud: 'todo', exp: Math.floor(Date.now() / 1000) - 60 }, SECRET, {
      header: { alg: 'HS256', typ: TOKEN_TYPES.plugin },
    });
    await expect(auth.authenticate(expired)).rejects.toThrow(/^Token expired at \d{4}-\d\d-\d\dT/);
    await expect(auth.authenticate('not-a-jwt')).rejects.toThrow('Invalid token: jwt malformed');
    const odd = jwt.sign({ sub: 'x', aud: 'todo' }, SECRET, { expiresIn: 60, header: { alg: 'HS256', typ: 'JWT' } });
    await expect(auth.authenticate(odd)).rejects.toThrow('Invalid token: unknown token type "JWT"');
    const none = jwt.sign({ sub: 'plugin:x', aud: 'todo' }, '', { algorithm: 'none', expiresIn: 60 } as never);
    await expect(auth.authenticate(none)).rejects.toThrow(/Invalid token/);
    await expect(auth.authenticate('')).rejects.toThrow('Missing token');
  });

  it('re-checks expiry for tokens it has already verified', async () => {
    const auth = authFor('todo');
    // A lifetime no stall of the machine outlasts between issuing and the first check; the clock then jumps past it.
    const { token } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane', expiresInSeconds: 60 });
    await expect(auth.authenticate(token)).resolves.toBeDefined();
    jest.useFakeTimers({ now: Date.now() + 120_000 });
    try {
      await expect(auth.authenticate(token)).rejects.toThrow(/^Token expired at/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('signs with the first key and verifies with every configured key (rotation)', async () => {
    const oldInstance = authFor('catalog', { auth: { keys: [{ secret: OLD_SECRET }] } });
    const rotated = authFor('todo', { auth: { keys: [{ secret: SECRET }, { secret: OLD_SECRET }] } });
    const { token: oldToken } = await oldInstance.getPluginRequestToken({
      onBehalfOf: await oldInstance.getOwnServiceCredentials(),
      targetPluginId: 'todo',
    });
    await expect(rotated.authenticate(oldToken)).resolves.toEqual(
      expect.objectContaining({ principal: { type: 'service', subject: 'plugin:catalog' } }),
    );
    const { token: newToken } = await rotated.getPluginRequestToken({
      onBehalfOf: await rotated.getOwnServiceCredentials(),
      targetPluginId: 'x',
    });
    expect(() => jwt.verify(newToken, SECRET)).not.toThrow();
  });

  it('makes a separate key per backend when none is configured, so instances do not trust each other', async () => {
    const a = authFor('a', {});
    const b = authFor('target', {});
    const { token } = await a.getPluginRequestToken({ onBehalfOf: await a.getOwnServiceCredentials(), targetPluginId: 'target' });
    await expect(b.authenticate(token)).rejects.toThrow('Invalid token signature');
  });

  it('accepts static external tokens as external service principals', async () => {
    const auth = authFor('todo', {
      auth: { externalAccess: [{ type: 'static', options: { token: 'ci-token-abcdef', subject: 'ci-pipeline' } }] },
    });
    const credentials = await auth.authenticate('ci-token-abcdef');
    expect(credentials.principal).toEqual({ type: 'service', subject: 'external:ci-pipeline' });
    await expect(auth.authenticate('ci-token-abcdeF')).rejects.toThrow('Invalid token');
  });
});

describe('auth config', () => {
  const read = (auth: object) => {
    const config = new ConfigReader({ backend: { auth } } as never);
    readAuthKeys(config);
    readExternalAccess(config);
  };

  it('names the key and the fix for bad values', () => {
    expect(() => read({ keys: [{ secret: 'short' }] })).toThrow(
      "Invalid config for 'backend.auth.keys[0].secret': a secret of at least 16 characters is required (e.g. the output of 'openssl rand -base64 32')",
    );
    expect(() => read({ externalAccess: [{ type: 'jwks', options: {} }] })).toThrow(
      `Invalid config for 'backend.auth.externalAccess[0].type': got "jwks", only 'static' is supported`,
    );
    expect(() => read({ externalAccess: [{ type: 'static', options: { token: 'has space in it' } }] })).toThrow(
      "Invalid config for 'backend.auth.externalAccess[0].options.token': a token of at least 8 characters without whitespace is required",
    );
    expect(() => read({ externalAccess: [{ type: 'static', options: { token: 'long-enough-token' } }] })).toThrow(
      "Invalid config for 'backend.auth.externalAccess[0].options.subject': a subject naming the caller is required",
    );
  });

  it('rejects a user token issued for a malformed entity ref', () => {
    expect(() => issueUserToken({ secret: SECRET, userEntityRef: 'jane' })).toThrow(
      "issueUserToken: userEntityRef must be a full entity ref like 'user:default/jane', got 'jane'",
    );
  });
});

describe('DefaultAuthService with key-pair plugin tokens', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  /** The issuer's published keys, as IssuerKeys would fetch them: one key, `k1`. */
  const issuerKeys = {
    async getKey(pluginId: string, kid: string) {
      if (pluginId === 'clerk' && kid === 'k1') return publicKey;
      throw new Error(`unexpected key ${pluginId}/${kid}`);
    },
  } as unknown as IssuerKeys;
  const config = new ConfigReader({ backend: { auth: { keys: [{ secret: SECRET }] } } } as never);
  const receiver = new DefaultAuthService({
    pluginId: 'inventory',
    keys: readAuthKeys(config),
    externalTokens: readExternalAccess(config),
    issuerKeys,
  });
  const sign = (claims: object) =>
    jwt.sign({ sub: 'clerk', aud: 'inventory', ...claims }, privateKey, {
      algorithm: 'ES256',
      expiresIn: 60,
      header: { alg: 'ES256', typ: TOKEN_TYPES.plugin, kid: 'k1' },
    });

  it('accepts the token as the issuing plugin', async () => {
    const credentials = await receiver.authenticate(sign({}));
    expect(credentials.principal).toEqual({ type: 'service', subject: 'plugin:clerk' });
  });

  it("refuses one forwarding a user token signed by Backstage's auth backend, saying so", async () => {
    const backstageUserToken = jwt.sign({ sub: 'user:default/ada', aud: 'backstage' }, privateKey, {
      algorithm: 'ES256',
      expiresIn: 60,
      header: { alg: 'ES256', typ: TOKEN_TYPES.limitedUser, kid: 'auth-key' },
    });
    await expect(receiver.authenticate(sign({ obo: backstageUserToken }))).rejects.toThrow(
      /user token it forwards is not signed with backend.auth.keys \(user tokens from Backstage's auth backend are not supported\)/,
    );
  });
});
