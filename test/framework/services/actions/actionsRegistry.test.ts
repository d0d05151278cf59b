/**
 * `alpha.core.actionsRegistry` over real HTTP: the listing with JSON Schemas, invocation with input, secrets and
 * output checked against the action's zod schemas, the auth the routes require, config filters and visibility.
 */
import request from 'supertest';
import { AuthorizeResult, permissionPlugin, type PermissionPolicy } from '../../../../framework';
import { startTestBackend, type TestBackend } from '../../../../framework/testing';
import { policyModule } from '../permissions/todoFixtures';
import { actionsConfig, calls, greeterPlugin, secretVisibility, service, user } from './fixtures';

const BASE = '/api/greeter/.backstage/actions';

/** Users may not see the hidden action; services may. */
const hideSecretFromUsers: PermissionPolicy = {
  async handle({ permission }, { credentials }) {
    const userAsksForSecret = permission.name === secretVisibility.name && (credentials.principal as { type: string }).type === 'user';
    return { result: userAsksForSecret ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
  },
};

describe('actions registry over HTTP', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [greeterPlugin, permissionPlugin, policyModule(hideSecretFromUsers), actionsConfig()],
    });
  });
  afterAll(() => backend?.stop());

  it('lists each action with its id, attributes, examples and zod schemas as JSON Schema', async () => {
    const { body } = await request(backend.server).get(`${BASE}/v1/actions`).set(service).expect(200);
    const greet = body.actions.find((a: { id: string }) => a.id === 'greeter:greet');
    expect(greet).toEqual({
      id: 'greeter:greet',
      name: 'greet',
      title: 'Greet',
      description: 'Says hello to someone',
      pluginId: 'greeter',
      attributes: { readOnly: true, destructive: false, idempotent: false },
      examples: [{ title: 'Jane', input: { name: 'Jane' }, output: { greeting: 'Hello, Jane!' } }],
      schema: {
        input: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'Who to greet' },
            times: { type: 'integer', minimum: 1 },
          },
          required: ['name'],
          additionalProperties: false,
          $schema: 'http://json-schema.org/draft-07/schema#',
        },
        output: {
          type: 'object',
          properties: { greeting: { type: 'string' } },
          required: ['greeting'],
          additionalProperties: false,
          $schema: 'http://json-schema.org/draft-07/schema#',
        },
      },
    });
    const byId = Object.fromEntries(body.actions.map((a: { id: string }) => [a.id, a]));
    expect(Object.keys(byId).sort()).toEqual(['greeter:bare', 'greeter:broken', 'greeter:greet', 'greeter:hidden', 'greeter:with-token']);
    // No schemas: both are listed as an empty object; destructive defaults to true unless read-only or said.
    expect(byId['greeter:bare'].schema).toEqual({
      input: { type: 'object', properties: {}, additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' },
      output: { type: 'object', properties: {}, additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' },
    });
    expect(byId['greeter:bare'].attributes).toEqual({ readOnly: false, destructive: false, idempotent: true });
    expect(byId['greeter:broken'].attributes).toEqual({ readOnly: false, destructive: true, idempotent: false });
    expect(byId['greeter:with-token'].schema.secrets).toMatchObject({
      type: 'object',
      properties: { token: { type: 'string', minLength: 4 } },
      required: ['token'],
    });
  });

  it('invokes an action with the parsed input and the caller’s credentials and answers its output', async () => {
    calls.length = 0;
    const { body } = await request(backend.server)
      .post(`${BASE}/v1/actions/greeter:greet/invoke`)
      .set(service)
      .send({ name: 'Jane', times: 2, extra: 'dropped' })
      .expect(200);
    expect(body).toEqual({ output: { greeting: 'Hello, Jane!Hello, Jane!' } });
    expect(calls).toHaveLength(1);
    // zod strips keys the schema does not name; the action sees the static token's service principal.
    expect(calls[0].input).toEqual({ name: 'Jane', times: 2 });
    expect(calls[0].secrets).toBeUndefined();
    expect(calls[0].credentials).toMatchObject({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'external:actions-test' },
    });
  });

  it('lets users invoke actions too, with their own credentials', async () => {
    calls.length = 0;
    await request(backend.server).post(`${BASE}/v1/actions/greeter:greet/invoke`).set(user()).send({ name: 'Ann' }).expect(200);
    expect(calls[0].credentials.principal).toMatchObject({ type: 'user', userEntityRef: 'user:default/jane' });
  });

  it('answers 400 naming the field when the input does not match the schema, without running the action', async () => {
    calls.length = 0;
    const { body } = await request(backend.server)
      .post(`${BASE}/v1/actions/greeter:greet/invoke`)
      .set(service)
      .send({ name: 42, times: 0 })
      .expect(400);
    expect(body.error.name).toBe('InputError');
    expect(body.error.message).toBe(
      'Invalid input to action "greeter:greet": name: Expected string, received number; times: Number must be greater than or equal to 1',
    );
    expect(calls).toHaveLength(0);
  });

  it('answers 400 when the action returns output its schema refuses', async () => {
    const { body } = await request(backend.server).post(`${BASE}/v1/actions/greeter:broken/invoke`).set(service).send({}).expect(400);
    expect(body.error).toMatchObject({
      name: 'InputError',
      message: 'Invalid output from action "greeter:broken": count: Expected number, received string',
    });
  });

  it('answers 404 naming an unknown action', async () => {
    const { body } = await request(backend.server).post(`${BASE}/v1/actions/greeter:nope/invoke`).set(service).send({}).expect(404);
    expect(body.error).toMatchObject({ name: 'NotFoundError', message: 'Action "greeter:nope" not found' });
  });

  it('answers 401 to callers without credentials, on the listing and on invoke', async () => {
    const list = await request(backend.server).get(`${BASE}/v1/actions`).expect(401);
    expect(list.body.error.name).toBe('AuthenticationError');
    const invoke = await request(backend.server).post(`${BASE}/v1/actions/greeter:greet/invoke`).send({ name: 'Jane' }).expect(401);
    expect(invoke.body.error.name).toBe('AuthenticationError');
  });

  it('takes secrets only through v2 ({ input, secrets }) and checks them against the secrets schema', async () => {
    const ok = await request(backend.server)
      .post(`${BASE}/v2/actions/greeter:with-token/invoke`)
      .set(service)
      .send({ input: { repo: 'org/repo' }, secrets: { token: 'abcd1234' } })
      .expect(200);
    expect(ok.body).toEqual({ output: { used: 'org/repo with ab…' } });
    const missing = await request(backend.server)
      .post(`${BASE}/v1/actions/greeter:with-token/invoke`)
      .set(service)
      .send({ repo: 'org/repo' })
      .expect(400);
    expect(missing.body.error.message).toBe('Action "greeter:with-token" requires secrets but none were provided');
    const short = await request(backend.server)
      .post(`${BASE}/v2/actions/greeter:with-token/invoke`)
      .set(service)
      .send({ input: { repo: 'org/repo' }, secrets: { token: 'ab' } })
      .expect(400);
    expect(short.body.error.message).toBe(
      'Invalid secrets for action "greeter:with-token": token: String must contain at least 4 character(s)',
    );
    const unwanted = await request(backend.server)
      .post(`${BASE}/v2/actions/greeter:greet/invoke`)
      .set(service)
      .send({ input: { name: 'Jane' }, secrets: { token: 'abcd' } })
      .expect(400);
    expect(unwanted.body.error.message).toBe('Action "greeter:greet" does not accept secrets');
  });

  it('hides an action behind its visibility permission: not listed and 404 for callers the policy denies', async () => {
    const forUser = await request(backend.server).get(`${BASE}/v1/actions`).set(user()).expect(200);
    expect(forUser.body.actions.map((a: { id: string }) => a.id)).not.toContain('greeter:hidden');
    await request(backend.server).post(`${BASE}/v1/actions/greeter:hidden/invoke`).set(user()).send({}).expect(404);
    const forService = await request(backend.server).post(`${BASE}/v1/actions/greeter:hidden/invoke`).set(service).send({}).expect(200);
    expect(forService.body).toEqual({ output: { seen: true } });
  });

  it('registers the visibility permission with the plugin, so the permission plugin can list it', async () => {
    const { body } = await request(backend.server).get('/api/greeter/.well-known/backstage/permissions/metadata').set(service).expect(200);
    expect(body.permissions).toEqual([secretVisibility]);
  });

  it('tells services whether the plugin has actions, and refuses users that status', async () => {
    await request(backend.server).get(`${BASE}/v1/status`).set(service).expect(200, { hasActions: true });
    const refused = await request(backend.server).get(`${BASE}/v1/status`).set(user()).expect(403);
    expect(refused.body.error.name).toBe('NotAllowedError');
  });
});

describe('actions registry config', () => {
  afterEach(async () => {
    const { stopAllTestBackends } = await import('../../../../framework/testing');
    await stopAllTestBackends();
  });

  it('applies backend.actions.filter: excluded actions are neither listed nor invocable', async () => {
    const backend = await startTestBackend({
      features: [
        greeterPlugin,
        actionsConfig({
          actions: { filter: { include: [{ id: 'greeter:*' }], exclude: [{ attributes: { destructive: true } }, { id: 'greeter:bare' }] } },
        }),
      ],
    });
    const { body } = await request(backend.server).get(`${BASE}/v1/actions`).set(service).expect(200);
    expect(body.actions.map((a: { id: string }) => a.id)).toEqual(['greeter:greet']);
    await request(backend.server).post(`${BASE}/v1/actions/greeter:bare/invoke`).set(service).send({}).expect(404);
  });

  it('offers nothing from a plugin missing from backend.actions.pluginSources', async () => {
    const backend = await startTestBackend({ features: [greeterPlugin, actionsConfig({ actions: { pluginSources: ['catalog'] } })] });
    await request(backend.server).get(`${BASE}/v1/actions`).set(service).expect(200, { actions: [] });
    await request(backend.server).post(`${BASE}/v1/actions/greeter:greet/invoke`).set(service).send({ name: 'Jane' }).expect(404);
  });
});
