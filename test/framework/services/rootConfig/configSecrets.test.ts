import { ConfigReader, getConfigSecrets, isSecretKey, registerConfigSecrets } from '../../../../framework/services/rootConfig';

describe('isSecretKey', () => {
  it.each([
    'password',
    'dbPassword',
    'DB_PASSWORD',
    'token',
    'accessToken',
    'auth_token',
    'secret',
    'clientSecret',
    'key',
    'apiKey',
    'api-key',
    'apikey',
    'privateKey',
    'private_key',
    'credentials',
    'keys',
    'passphrase',
  ])('%s marks a secret', (key) => expect(isSecretKey(key)).toBe(true));

  it.each(['baseUrl', 'host', 'port', 'tokenizer', 'keyboard', 'monkey', 'secretary', 'title', 'clientId'])('%s does not', (key) =>
    expect(isSecretKey(key)).toBe(false),
  );
});

describe('getConfigSecrets', () => {
  it('collects every value under a secret-marked key, nested and in lists', () => {
    const config = new ConfigReader({
      backend: {
        baseUrl: 'http://localhost',
        auth: { keys: [{ secret: 'key-one' }, { secret: 'key-two' }] },
        database: { connection: { host: 'db', password: 'pw-123', port: 5432 } },
      },
      integrations: { github: [{ host: 'github.com', token: 'ghp_abc' }] },
    });
    expect(getConfigSecrets(config).sort()).toEqual(['ghp_abc', 'key-one', 'key-two', 'pw-123']);
  });

  it('adds the substituted values registered for that config object only', () => {
    const config = new ConfigReader({ app: { title: 'from-env' } });
    const other = new ConfigReader({ app: { title: 'from-env' } });
    registerConfigSecrets(config, ['from-env']);
    expect(getConfigSecrets(config)).toEqual(['from-env']);
    expect(getConfigSecrets(other)).toEqual([]);
  });
});
