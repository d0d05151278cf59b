/**
 * Published Backstage new-system plugins (test/published-new-system), unmodified, in one Forklift backend:
 * proxy, app, permission with a policy module, catalog with a module, search with the catalog collator. Every
 * route is also asked of the same features on Backstage's own `createBackend()`, and both answers must match.
 */
import request from 'supertest';
import { issueUserToken } from '../../framework';
import { describeWithPostgres, postgresUrl, uniqueName } from '../support/realServices';
import { startOnForklift, publishedFeatures, type PolicyCall, type RunningBackend } from './backends';
import { startBackstageProcess } from './backstageProcess';
import {
  EXTERNAL_TOKEN,
  interopConfig,
  prefixInstalled,
  requireFromPrefix,
  startFixtures,
  type DatabaseChoice,
  type Fixtures,
} from './publishedNewSystem';
import { startOnFreePort } from '../support/freePort';
import { dropDatabasesWithPrefix, entitySummary, waitUntil } from './support';

const USER_KEY = 'interop-user-token-secret-0123456789';
const describeIfInstalled = prefixInstalled ? describe : describe.skip;

jest.setTimeout(180_000);

interface Pair {
  forklift: RunningBackend;
  backstage: RunningBackend;
  forkliftPolicyCalls: PolicyCall[];
}

async function startPair(fixtures: Fixtures, database: (system: string) => DatabaseChoice): Promise<Pair> {
  const forkliftPolicyCalls: PolicyCall[] = [];
  const configFor = (system: string, port: number) => interopConfig({ port, fixtures, database: database(system), userKey: USER_KEY });
  const forklift = await startOnFreePort((port) => startOnForklift(configFor('forklift', port), publishedFeatures(forkliftPolicyCalls)));
  const backstage = await startOnFreePort((port) => startBackstageProcess(configFor('backstage', port), `${fixtures.dir}/app`)).catch(
    async (error) => {
      await forklift.stop();
      throw error;
    },
  );
  return { forklift, backstage, forkliftPolicyCalls };
}

const auth = { Authorization: `Bearer ${EXTERNAL_TOKEN}` };

/** The same request against both backends: status, selected headers and (normalised) body must be equal. */
async function sameAnswer(
  pair: Pair,
  send: (agent: request.Agent) => request.Test,
  normalise: (body: unknown, text: string) => unknown = (body, text) => (text.startsWith('{') || text.startsWith('[') ? body : text),
) {
  const [onForklift, onBackstage] = await Promise.all(
    [pair.forklift, pair.backstage].map(async (backend) => {
      const response = await send(request.agent(backend.baseUrl));
      return { status: response.status, body: normalise(response.body, response.text) };
    }),
  );
  expect(onForklift).toEqual(onBackstage);
  return onForklift;
}

async function entitiesReady(backend: RunningBackend): Promise<boolean> {
  const response = await request(backend.baseUrl).get('/api/catalog/entities').set(auth);
  const refs =
    response.status === 200 ? (response.body as Array<{ kind: string; metadata: { name: string } }>).map((e) => e.metadata.name) : [];
  return refs.includes('interop-service') && refs.includes('interop-template') && refs.includes('interop-team');
}

async function searchReady(backend: RunningBackend): Promise<boolean> {
  const response = await request(backend.baseUrl).get('/api/search/query?term=interop').set(auth);
  return response.status === 200 && (response.body as { results: unknown[] }).results.length >= 3;
}

function runSuite(name: string, database: (system: string) => DatabaseChoice) {
  describe(name, () => {
    let fixtures: Fixtures;
    let pair: Pair;
    let restorePackagePath: () => void;

    beforeAll(async () => {
      fixtures = await startFixtures();
      const { overridePackagePathResolution } = requireFromPrefix('@backstage/backend-plugin-api/testUtils');
      restorePackagePath = overridePackagePathResolution({ packageName: 'interop-app', path: `${fixtures.dir}/app` }).restore;
      pair = await startPair(fixtures, database);
      await Promise.all(
        [pair.forklift, pair.backstage].map((backend) => waitUntil(() => entitiesReady(backend), `${backend.system} catalog`)),
      );
    });

    afterAll(async () => {
      await Promise.all([pair?.forklift.stop(), pair?.backstage.stop()]);
      restorePackagePath?.();
      await fixtures?.close();
    });

    it('proxy: forwards to the echo server and back', async () => {
      const get = await sameAnswer(pair, (agent) => agent.get('/api/proxy/echo/hello?x=1'));
      expect(get).toEqual({ status: 200, body: { method: 'GET', url: '/echo/hello?x=1', body: '', authorization: null } });
      const post = await sameAnswer(pair, (agent) =>
        agent.post('/api/proxy/echo/items').set('content-type', 'application/json').send('{"a":1}'),
      );
      expect(post.body).toMatchObject({ method: 'POST', url: '/echo/items', body: '{"a":1}' });
    });

    it('app: serves the built bundle', async () => {
      const index = await sameAnswer(pair, (agent) => agent.get('/api/app/'));
      expect(index).toEqual({ status: 200, body: expect.stringContaining('<title>interop</title>') });
      const script = await sameAnswer(pair, (agent) => agent.get('/api/app/static/main.js'));
      expect(script).toEqual({ status: 200, body: 'console.log("interop app");\n' });
    });

    it('catalog: entities from the file location and the URL location (a Template, valid through the module)', async () => {
      const all = await sameAnswer(
        pair,
        (agent) => agent.get('/api/catalog/entities').set(auth),
        (body) => (body as unknown[]).map(entitySummary).sort((a, b) => a.ref.localeCompare(b.ref)),
      );
      expect((all.body as Array<{ ref: string }>).map((e) => e.ref)).toEqual(
        expect.arrayContaining(['component:default/interop-service', 'group:default/interop-team', 'template:default/interop-template']),
      );
      await sameAnswer(
        pair,
        (agent) => agent.get('/api/catalog/entities/by-name/template/default/interop-template').set(auth),
        (body) => entitySummary(body),
      );
      const missing = await sameAnswer(
        pair,
        (agent) => agent.get('/api/catalog/entities/by-name/component/default/nope').set(auth),
        (body) => (body as { error: { name: string } }).error.name,
      );
      expect(missing).toEqual({ status: 404, body: 'NotFoundError' });
      const anonymous = await sameAnswer(
        pair,
        (agent) => agent.get('/api/catalog/entities'),
        (body) => (body as { error: { name: string } }).error.name,
      );
      expect(anonymous).toEqual({ status: 401, body: 'AuthenticationError' });
    });

    it('permission: the permission plugin refuses service callers on /authorize (they are decided where they call from)', async () => {
      const refused = await sameAnswer(
        pair,
        (agent) =>
          agent
            .post('/api/permission/authorize')
            .set(auth)
            .send({
              items: [{ id: 'one', permission: { type: 'basic', name: 'catalog.entity.create', attributes: { action: 'create' } } }],
            }),
        (body) => (body as { error: { name: string } }).error.name,
      );
      expect(refused).toEqual({ status: 403, body: 'NotAllowedError' });
    });

    it("permission on Forklift: a Backstage permission plugin in the same backend is the catalog's policy source", async () => {
      const { token } = issueUserToken({ secret: USER_KEY, userEntityRef: 'user:default/jane' });
      const entity = await request(pair.forklift.baseUrl)
        .get('/api/catalog/entities/by-name/component/default/interop-service')
        .set(auth)
        .expect(200);
      const denied = await request(pair.forklift.baseUrl)
        .delete(`/api/catalog/entities/by-uid/${entity.body.metadata.uid}`)
        .set({ Authorization: `Bearer ${token}` });
      expect(denied.status).toBe(403);
      expect(pair.forkliftPolicyCalls).toContainEqual({ permission: 'catalog.entity.delete', user: 'user:default/jane' });
      // The same user asking /authorize directly gets the policy module's answer for another permission.
      const allowed = await request(pair.forklift.baseUrl)
        .post('/api/permission/authorize')
        .set({ Authorization: `Bearer ${token}` })
        .send({ items: [{ id: 'one', permission: { type: 'basic', name: 'catalog.entity.create', attributes: { action: 'create' } } }] })
        .expect(200);
      expect(allowed.body).toEqual({ items: [{ id: 'one', result: 'ALLOW' }] });
      await request(pair.forklift.baseUrl).get('/api/catalog/entities/by-name/component/default/interop-service').set(auth).expect(200);
    });

    it('catalog actions: listed with the same JSON Schemas, invoked with the same answers and errors', async () => {
      const byId = (body: unknown) => [...(body as { actions: Array<{ id: string }> }).actions].sort((a, b) => a.id.localeCompare(b.id));
      const listed = await sameAnswer(pair, (agent) => agent.get('/api/catalog/.backstage/actions/v1/actions').set(auth), byId);
      const getEntity = (listed.body as Array<{ id: string; schema: { input: unknown } }>).find(
        (a) => a.id === 'catalog:get-catalog-entity',
      );
      expect(getEntity?.schema.input).toMatchObject({ type: 'object', required: ['name'] });
      const invoke = (input: unknown) => (agent: request.Agent) =>
        agent
          .post('/api/catalog/.backstage/actions/v1/actions/catalog:get-catalog-entity/invoke')
          .set(auth)
          .send(input as object);
      const found = await sameAnswer(pair, invoke({ name: 'interop-service', kind: 'Component' }), (body) =>
        entitySummary((body as { output: unknown }).output),
      );
      expect(found).toMatchObject({ status: 200, body: { ref: 'component:default/interop-service' } });
      const errorName = (body: unknown) => (body as { error: { name: string } }).error.name;
      expect(await sameAnswer(pair, invoke({ name: 42 }), errorName)).toEqual({ status: 400, body: 'InputError' });
      expect(
        await sameAnswer(
          pair,
          (agent) => agent.post('/api/catalog/.backstage/actions/v1/actions/catalog:nope/invoke').set(auth).send({}),
          errorName,
        ),
      ).toEqual({ status: 404, body: 'NotFoundError' });
      expect(await sameAnswer(pair, (agent) => agent.get('/api/catalog/.backstage/actions/v1/actions'), errorName)).toEqual({
        status: 401,
        body: 'AuthenticationError',
      });
    });

    it("catalog permissions metadata: the same permissions and rules, with each rule's paramsSchema", async () => {
      const metadata = await sameAnswer(pair, (agent) => agent.get('/api/catalog/.well-known/backstage/permissions/metadata').set(auth));
      const rules = (metadata.body as { rules: Array<{ name: string; paramsSchema?: { type?: string } }> }).rules;
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) expect(rule.paramsSchema).toMatchObject({ type: 'object' });
    });

    it('search: a query returns the catalog documents the collator indexed', async () => {
      await Promise.all(
        [pair.forklift, pair.backstage].map((backend) => waitUntil(() => searchReady(backend), `${backend.system} search index`)),
      );
      const results = await sameAnswer(
        pair,
        (agent) => agent.get('/api/search/query?term=interop').set(auth),
        (body) =>
          (body as { results: Array<{ type: string; document: { title: string; location: string } }> }).results
            .map((r) => `${r.type} ${r.document.title} ${r.document.location}`)
            .sort(),
      );
      expect(results.body).toEqual(
        expect.arrayContaining([
          'software-catalog interop-service /catalog/default/component/interop-service',
          'software-catalog Interop template /catalog/default/template/interop-template',
        ]),
      );
    });
  });
}

describeIfInstalled('published new-system plugins on Forklift and on Backstage', () => {
  runSuite('on in-memory SQLite', () => ({ kind: 'sqlite' }));
});

(prefixInstalled ? describeWithPostgres : describe.skip)('published new-system plugins on PostgreSQL', () => {
  const prefixes = { forklift: uniqueName('interop_fk').toLowerCase() + '_', backstage: uniqueName('interop_bs').toLowerCase() + '_' };
  afterAll(async () => {
    for (const prefix of Object.values(prefixes)) await dropDatabasesWithPrefix(postgresUrl!, prefix);
  });
  runSuite('on PostgreSQL', (system) => ({ kind: 'postgres', url: postgresUrl!, prefix: prefixes[system as keyof typeof prefixes] }));
});
