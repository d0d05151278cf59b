/**
 * Key-pair plugin tokens (`backend.auth.pluginTokenSigning: key-pair`): two instances with no shared secret, a
 * plugin on one calling a plugin on the other; the receiver checks the token with the caller's published keys.
 */
import { generateKeyPairSync, randomUUID } from 'crypto';
import type { AddressInfo } from 'net';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { mockServices, startTestBackend, type TestBackend } from '../../../../framework/testing';
import { JWKS_PATH, TOKEN_TYPES } from '../../../../framework/services/auth';
import { callerPlugin, mapDiscoveryFactory, whoamiPlugin } from './pluginTokenFixtures';

const baseUrls = new Map<string, string>();
const mapDiscovery = mapDiscoveryFactory(baseUrls);
const shopPlugin = callerPlugin('shop');
const inventoryPlugin = whoamiPlugin('inventory');

const config = (backend: object = {}) =>
  mockServices.rootConfig.factory({
    data: { backend: { database: { client: 'better-sqlite3', connection: ':memory:' }, ...backend } },
  });
const keyPairConfig = () => config({ auth: { pluginTokenSigning: 'key-pair' } });
const urlOf = (backend: TestBackend) => `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;

describe('key-pair plugin tokens between two instances', () => {
  let shopInstance: TestBackend;
  let inventoryInstance: TestBackend;

  beforeAll(async () => {
    shopInstance = await startTestBackend({ features: [keyPairConfig(), mapDiscovery, shopPlugin] });
    inventoryInstance = await startTestBackend({ features: [keyPairConfig(), mapDiscovery, inventoryPlugin] });
    baseUrls.set('shop', `${urlOf(shopInstance)}/api/shop`);
    baseUrls.set('inventory', `${urlOf(inventoryInstance)}/api/inventory`);
  });

  afterAll(async () => {
    await shopInstance?.stop();
    await inventoryInstance?.stop();
  });

  it('authorises the shop plugin on the other instance with an ES256 token it verified by the shop JWKS', async () => {
    const { body } = await request(shopInstance.server).get('/api/shop/call/inventory').expect(200);
    expect(body.status).toBe(200);
    expect(body.body).toEqual({ type: 'service', subject: 'plugin:shop' });

    const { header, payload } = jwt.decode(body.token, { complete: true })!;
    expect(header).toEqual(expect.objectContaining({ alg: 'ES256', typ: TOKEN_TYPES.plugin, kid: expect.any(String) }));
    // Backstage's claims: the bare plugin id as subject, the target plugin as audience, issued-at and expiry.
    expect(payload).toEqual(expect.objectContaining({ sub: 'shop', aud: 'inventory', iat: expect.any(Number), exp: expect.any(Number) }));
  });

  it('serves the signing key without credentials at the JWKS route, public half only', async () => {
    const { body: call } = await request(shopInstance.server).get('/api/shop/call/inventory').expect(200);
    const kid = jwt.decode(call.token, { complete: true })!.header.kid;

    const { body } = await request(shopInstance.server).get(`/api/shop${JWKS_PATH}`).expect(200);
    expect(body.keys).toEqual([expect.objectContaining({ kid, kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })]);
    expect(body.keys[0]).not.toHaveProperty('d');
  });

  it('answers 401 for a token signed by a key the issuer does not publish, and for a forged signature under its key id', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sign = (kid: string) =>
      jwt.sign({ sub: 'shop', aud: 'inventory' }, privateKey, {
        algorithm: 'ES256',
        expiresIn: 60,
        header: { alg: 'ES256', typ: TOKEN_TYPES.plugin, kid },
      });
    const unknown = await request(inventoryInstance.server)
      .get('/api/inventory/whoami')
      .set('authorization', `Bearer ${sign(randomUUID())}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/plugin 'shop' does not publish the key/);

    const { body: call } = await request(shopInstance.server).get('/api/shop/call/inventory').expect(200);
    const realKid = jwt.decode(call.token, { complete: true })!.header.kid as string;
    const forged = await request(inventoryInstance.server)
      .get('/api/inventory/whoami')
      .set('authorization', `Bearer ${sign(realKid)}`);
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/invalid signature/);
  });

  it('refuses a key-pair token addressed to another plugin', async () => {
    const { body: call } = await request(shopInstance.server).get('/api/shop/call/inventory').expect(200);
    // Replayed by inventory's instance to a plugin it was not meant for: shop itself.
    const response = await request(shopInstance.server).get(`/api/shop${JWKS_PATH}x`).set('authorization', `Bearer ${call.token}`);
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/addressed to plugin 'inventory', not to 'shop'/);
  });
});

describe('shared-secret plugin tokens (the default)', () => {
  it('serves no JWKS route: the path is behind the auth barrier like any other', async () => {
    const backend = await startTestBackend({ features: [config(), mapDiscovery, shopPlugin] });
    try {
      await request(backend.server).get(`/api/shop${JWKS_PATH}`).expect(401);
    } finally {
      await backend.stop();
    }
  });
});
