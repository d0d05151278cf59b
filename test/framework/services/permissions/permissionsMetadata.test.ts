/**
 * The permissions registry's metadata route lists each rule's params as JSON Schema (zod 3 through
 * zod-to-json-schema, zod 4 through its Standard JSON Schema), and apply-conditions refuses params that do not
 * match a rule's schema with a 400 naming the rule and the field.
 */
import request from 'supertest';
import { z as z3 } from 'zod/v3';
import * as z4 from 'zod';
import { coreServices, createBackendPlugin, createPermission } from '../../../../framework';
import { startTestBackend, type TestBackend } from '../../../../framework/testing';
import { actionsConfig, service } from '../actions/fixtures';

interface Doc {
  id: string;
  kind: string;
  tags: string[];
}

const docs: Doc[] = [
  { id: 'a', kind: 'guide', tags: ['intro'] },
  { id: 'b', kind: 'reference', tags: [] },
];
const resourceRef = { pluginId: 'docs', resourceType: 'docs-page' } as const;
const readDoc = createPermission({ name: 'docs.page.read', attributes: { action: 'read' }, resourceType: 'docs-page' });

const docsPlugin = createBackendPlugin({
  pluginId: 'docs',
  register(env) {
    env.registerInit({
      deps: { registry: coreServices.permissionsRegistry },
      async init({ registry }) {
        registry.addResourceType({
          resourceRef,
          permissions: [readDoc],
          getResources: async (refs) => refs.map((ref) => docs.find((d) => d.id === ref)),
          rules: [
            {
              name: 'IS_KIND',
              description: 'Pages of one kind',
              resourceType: 'docs-page',
              paramsSchema: z3.object({ kind: z3.string().describe('The kind to match') }),
              apply: (doc: Doc, params: Record<string, unknown>) => doc.kind === params.kind,
              toQuery: (params: Record<string, unknown>) => ({ kind: params.kind }),
            },
            {
              name: 'HAS_TAG',
              description: 'Pages carrying a tag',
              resourceType: 'docs-page',
              paramsSchema: z4.object({ tag: z4.string().min(1) }),
              apply: (doc: Doc, params: Record<string, unknown>) => doc.tags.includes(params.tag as string),
              toQuery: (params: Record<string, unknown>) => ({ tag: params.tag }),
            },
            {
              name: 'ANY',
              description: 'Every page',
              resourceType: 'docs-page',
              apply: () => true,
              toQuery: () => ({}),
            },
          ],
        });
      },
    });
  },
});

describe('permissions registry metadata and rule params', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ features: [docsPlugin, actionsConfig()] });
  });
  afterAll(() => backend?.stop());

  it('lists every rule with its params as JSON Schema', async () => {
    const { body } = await request(backend.server).get('/api/docs/.well-known/backstage/permissions/metadata').set(service).expect(200);
    expect(body.permissions).toEqual([readDoc]);
    expect(body.rules).toEqual([
      {
        name: 'IS_KIND',
        description: 'Pages of one kind',
        resourceType: 'docs-page',
        paramsSchema: {
          type: 'object',
          properties: { kind: { type: 'string', description: 'The kind to match' } },
          required: ['kind'],
          additionalProperties: false,
          $schema: 'http://json-schema.org/draft-07/schema#',
        },
      },
      {
        name: 'HAS_TAG',
        description: 'Pages carrying a tag',
        resourceType: 'docs-page',
        paramsSchema: expect.objectContaining({
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          properties: { tag: { type: 'string', minLength: 1 } },
          required: ['tag'],
        }),
      },
      {
        name: 'ANY',
        description: 'Every page',
        resourceType: 'docs-page',
        paramsSchema: { type: 'object', properties: {}, additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' },
      },
    ]);
  });

  it('applies conditions whose params match the rules’ schemas', async () => {
    const { body } = await request(backend.server)
      .post('/api/docs/.well-known/backstage/permissions/apply-conditions')
      .set(service)
      .send({
        items: [
          {
            id: '1',
            resourceType: 'docs-page',
            resourceRef: ['a', 'b'],
            conditions: { rule: 'IS_KIND', resourceType: 'docs-page', params: { kind: 'guide' } },
          },
          {
            id: '2',
            resourceType: 'docs-page',
            resourceRef: 'a',
            conditions: { rule: 'HAS_TAG', resourceType: 'docs-page', params: { tag: 'intro' } },
          },
        ],
      })
      .expect(200);
    expect(body).toEqual({
      items: [
        { id: '1', result: ['ALLOW', 'DENY'] },
        { id: '2', result: 'ALLOW' },
      ],
    });
  });

  it.each([
    ['IS_KIND', { kind: 7 }, "Parameters to rule 'IS_KIND' of plugin 'docs' are invalid: kind: Expected string, received number"],
    [
      'HAS_TAG',
      { tag: '' },
      "Parameters to rule 'HAS_TAG' of plugin 'docs' are invalid: tag: Too small: expected string to have >=1 characters",
    ],
  ])('refuses params %s does not accept with a 400 naming the rule and the field', async (rule, params, message) => {
    const { body } = await request(backend.server)
      .post('/api/docs/.well-known/backstage/permissions/apply-conditions')
      .set(service)
      .send({ items: [{ id: '1', resourceType: 'docs-page', resourceRef: 'a', conditions: { rule, resourceType: 'docs-page', params } }] })
      .expect(400);
    expect(body.error).toMatchObject({ name: 'InputError', message });
  });

  it('refuses at registration a rule whose paramsSchema cannot be described as JSON Schema', async () => {
    const odd = createBackendPlugin({
      pluginId: 'odd',
      register(env) {
        env.registerInit({
          deps: { registry: coreServices.permissionsRegistry },
          async init({ registry }) {
            registry.addResourceType({
              resourceRef: { pluginId: 'odd', resourceType: 'odd-thing' },
              rules: [
                {
                  name: 'ODD',
                  description: 'odd',
                  resourceType: 'odd-thing',
                  paramsSchema: { type: 'object' },
                  apply: () => true,
                  toQuery: () => ({}),
                },
              ],
            });
          },
        });
      },
    });
    await expect(startTestBackend({ features: [odd, actionsConfig()] })).rejects.toThrow(
      /permission rule 'ODD' of plugin 'odd' has a paramsSchema that cannot be described as JSON Schema/,
    );
  });
});
