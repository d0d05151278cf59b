import { createPublicKey, generateKeyPairSync, randomUUID } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import jwt from 'jsonwebtoken';
import knexFactory, { type Knex } from 'knex';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { mockServices } from '../../../../framework/testing';
import {
  createPluginKeySource,
  DatabasePluginKeySource,
  IssuerKeys,
  JWKS_PATH,
  PUBLIC_KEYS_TABLE,
  StaticPluginKeySource,
} from '../../../../framework/services/auth';

const HOUR_MS = 60 * 60 * 1000;

describe('DatabasePluginKeySource', () => {
  let knex: Knex;
  const database = { getClient: async () => knex };

  beforeEach(() => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  });
  afterEach(() => knex.destroy());

  it("publishes every instance's key through the shared database, never a private half", async () => {
    const first = new DatabasePluginKeySource({ database, logger: mockServices.logger.mock(), keyDurationMs: HOUR_MS });
    const second = new DatabasePluginKeySource({ database, logger: mockServices.logger.mock(), keyDurationMs: HOUR_MS });
    const a = await first.getPrivateSigningKey();
    const b = await second.getPrivateSigningKey();
    expect(a.kid).not.toBe(b.kid);
    // The same key signs until it expires.
    expect((await first.getPrivateSigningKey()).kid).toBe(a.kid);

    const listed = await second.listKeys();
    expect(listed.map((k) => k.kid).sort()).toEqual([a.kid, b.kid].sort());
    for (const key of listed) expect(key).not.toHaveProperty('d');
  });

  it('leaves expired public keys out and deletes them', async () => {
    const source = new DatabasePluginKeySource({ database, logger: mockServices.logger.mock(), keyDurationMs: HOUR_MS });
    const live = await source.getPrivateSigningKey();
    await knex(PUBLIC_KEYS_TABLE).insert({
      id: 'old',
      key: JSON.stringify({ kid: 'old' }),
      expires_at: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await source.listKeys()).map((k) => k.kid)).toEqual([live.kid]);
    await expect(knex(PUBLIC_KEYS_TABLE).where({ id: 'old' })).resolves.toEqual([]);
  });
});

describe('StaticPluginKeySource (backend.auth.pluginKeyStore type static)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'forklift-plugin-keys-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function writePair(name: string) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(dir, `${name}.pem`), publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, `${name}.key`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    return { publicKeyFile: join(dir, `${name}.pem`), privateKeyFile: join(dir, `${name}.key`) };
  }
  const storeConfig = (keys: object[]) =>
    new ConfigReader({ backend: { auth: { pluginKeyStore: { type: 'static', static: { keys } } } } } as never);

  it('signs with the first key and lists every key', async () => {
    const current = writePair('current');
    const previous = writePair('previous');
    const config = storeConfig([
      { keyId: 'current', ...current },
      { keyId: 'previous', publicKeyFile: previous.publicKeyFile },
    ]);
    const source = createPluginKeySource({
      config,
      database: { getClient: () => Promise.reject(new Error('unused')) },
      logger: mockServices.logger.mock(),
    });
    expect(source).toBeInstanceOf(StaticPluginKeySource);
    const signing = await source.getPrivateSigningKey();
    expect(signing.kid).toBe('current');

    const keys = await source.listKeys();
    expect(keys.map((k) => k.kid)).toEqual(['current', 'previous']);
    const token = jwt.sign({ sub: 'x' }, signing.privateKey, { algorithm: 'ES256' });
    expect(() => jwt.verify(token, createPublicKey({ key: keys[0] as never, format: 'jwk' }), { algorithms: ['ES256'] })).not.toThrow();
  });

  it('names the missing private key and the unreadable file', () => {
    const pair = writePair('only');
    expect(() =>
      StaticPluginKeySource.fromConfig(
        storeConfig([{ keyId: 'k', publicKeyFile: pair.publicKeyFile }]).getConfig('backend.auth.pluginKeyStore'),
      ),
    ).toThrow(/static\.keys\[0\]\.privateKeyFile/);
    expect(() =>
      StaticPluginKeySource.fromConfig(
        storeConfig([{ keyId: 'k', publicKeyFile: join(dir, 'missing.pem') }]).getConfig('backend.auth.pluginKeyStore'),
      ),
    ).toThrow(/cannot read the PEM key file .*missing\.pem/);
  });
});

describe('IssuerKeys', () => {
  const jwks: { keys: object[] } = { keys: [] };
  let fetches = 0;
  let server: http.Server;
  let baseUrl: string;
  const discovery = { getBaseUrl: async () => baseUrl, getExternalBaseUrl: async () => baseUrl };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== `/api/shop${JWKS_PATH}`) {
        res.writeHead(404).end();
        return;
      }
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/shop`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const newKey = () => {
    const kid = randomUUID();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { kid, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256' } };
  };

  it('caches the key set, and refetches it once for a key id it does not know (the issuer rotated)', async () => {
    const first = newKey();
    jwks.keys = [first.jwk];
    fetches = 0;
    const issuerKeys = new IssuerKeys(discovery);
    await issuerKeys.getKey('shop', first.kid);
    await issuerKeys.getKey('shop', first.kid);
    expect(fetches).toBe(1);

    const rotated = newKey();
    jwks.keys = [rotated.jwk, first.jwk];
    await issuerKeys.getKey('shop', rotated.kid);
    expect(fetches).toBe(2);
    await issuerKeys.getKey('shop', first.kid);
    expect(fetches).toBe(2);

    await expect(issuerKeys.getKey('shop', 'never-published')).rejects.toThrow(/plugin 'shop' does not publish the key 'never-published'/);
    expect(fetches).toBe(3);
  });

  it('stops refetching for unknown key ids after ten in a minute', async () => {
    const known = newKey();
    jwks.keys = [known.jwk];
    fetches = 0;
    const issuerKeys = new IssuerKeys(discovery);
    await issuerKeys.getKey('shop', known.kid);
    for (let i = 0; i < 15; i += 1) await expect(issuerKeys.getKey('shop', `junk-${i}`)).rejects.toThrow(/does not publish/);
    expect(fetches).toBe(1 + 10);
  });

  it('says why when the issuer publishes no keys', async () => {
    const issuerKeys = new IssuerKeys({ getBaseUrl: async () => `${baseUrl}/nothing`, getExternalBaseUrl: async () => baseUrl });
    await expect(issuerKeys.getKey('shop', 'k')).rejects.toThrow(/public keys of plugin 'shop' could not be fetched .*HTTP 404/);
  });
});
