/**
 * Plugin tokens between a Forklift backend (`backend.auth.pluginTokenSigning: key-pair`) and Backstage's own
 * backend (test/published-new-system, its default auth service), both ways: each side verifies the other's ES256
 * token with the public keys the issuing plugin serves at its JWKS route, found through discovery.
 */
import type { AddressInfo } from 'net';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { mockServices, startTestBackend, type TestBackend } from '../../framework/testing';
import { callerPlugin, mapDiscoveryFactory, whoamiPlugin } from '../framework/services/auth/pluginTokenFixtures';
import { startOnFreePort } from '../support/freePort';
import { startBackstageProcess, type BackstageProcess } from './backstageProcess';
import { prefixInstalled } from './publishedNewSystem';

const describeIfInstalled = prefixInstalled ? describe : describe.skip;

jest.setTimeout(120_000);

describeIfInstalled('plugin tokens between Forklift and Backstage', () => {
  const baseUrls = new Map<string, string>();
  let forklift: TestBackend;
  let backstage: BackstageProcess;

  beforeAll(async () => {
    forklift = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: { backend: { auth: { pluginTokenSigning: 'key-pair' }, database: { client: 'better-sqlite3', connection: ':memory:' } } },
        }),
        mapDiscoveryFactory(baseUrls),
        callerPlugin('shop'),
        whoamiPlugin('inventory'),
      ],
    });
    const forkliftUrl = `http://127.0.0.1:${(forklift.server.address() as AddressInfo).port}`;
    backstage = await startOnFreePort((port) =>
      startBackstageProcess(
        {
          backend: {
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          discovery: { endpoints: [{ target: `${forkliftUrl}/api/{{pluginId}}`, plugins: ['shop', 'inventory'] }] },
        },
        '',
        'pluginTokensOnBackstage.ts',
      ),
    );
    for (const id of ['shop', 'inventory']) baseUrls.set(id, `${forkliftUrl}/api/${id}`);
    for (const id of ['ledger', 'clerk']) baseUrls.set(id, `${backstage.baseUrl}/api/${id}`);
  });

  afterAll(async () => {
    await backstage?.stop();
    await forklift?.stop();
  });

  it("Backstage's backend accepts a Forklift plugin's token, checked with the Forklift plugin's JWKS", async () => {
    const { body } = await request(forklift.server).get('/api/shop/call/ledger').expect(200);
    expect(jwt.decode(body.token, { complete: true })!.header.alg).toBe('ES256');
    expect({ status: body.status, body: body.body }).toEqual({ status: 200, body: { type: 'service', subject: 'plugin:shop' } });
  });

  it("Forklift accepts a Backstage plugin's token, checked with the Backstage plugin's JWKS", async () => {
    const { body } = await request(backstage.baseUrl).get('/api/clerk/call/inventory').expect(200);
    expect(jwt.decode(body.token, { complete: true })!.payload).toEqual(expect.objectContaining({ sub: 'clerk', aud: 'inventory' }));
    expect({ status: body.status, body: body.body }).toEqual({ status: 200, body: { type: 'service', subject: 'plugin:clerk' } });
  });

  it("Backstage's backend refuses a Forklift token addressed to another plugin", async () => {
    const { body } = await request(forklift.server).get('/api/shop/call/inventory').expect(200);
    const response = await request(backstage.baseUrl).get('/api/ledger/whoami').set('authorization', `Bearer ${body.token}`);
    expect(response.status).toBe(401);
  });
});
