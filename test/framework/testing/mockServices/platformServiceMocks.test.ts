import { Readable } from 'stream';
import { AuthorizeResult, coreServices, createBackendPlugin, createPermission, type BackstageCredentials } from '../../../../framework';
import { mockServices, startTestBackend } from '../../../../framework/testing';

const credentials: BackstageCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/jane' },
};
const readItems = createPermission({ name: 'todo.item.read', attributes: { action: 'read' } });
const deleteItem = createPermission({ name: 'todo.item.delete', attributes: { action: 'delete' } });

describe('mockServices.discovery', () => {
  it('answers from the given base URL and endpoints', async () => {
    const discovery = mockServices.discovery({
      baseUrl: 'http://test:1',
      endpoints: [{ target: 'http://other/{{pluginId}}', plugins: ['b'] }],
    });
    await expect(discovery.getBaseUrl('a')).resolves.toBe('http://test:1/api/a');
    await expect(discovery.getExternalBaseUrl('b')).resolves.toBe('http://other/b');
    await expect(mockServices.discovery().getBaseUrl('a')).resolves.toBe('http://localhost:0/api/a');
  });

  it('.mock() gives jest functions with the given implementation', async () => {
    const discovery = mockServices.discovery.mock({ getBaseUrl: async (id) => `http://x/${id}` });
    await expect(discovery.getBaseUrl('a')).resolves.toBe('http://x/a');
    expect(discovery.getBaseUrl).toHaveBeenCalledWith('a');
  });
});

describe('mockServices.permissions', () => {
  it('allows by default, denies with result DENY, and applies a given policy', async () => {
    await expect(mockServices.permissions().authorize([{ permission: readItems }], { credentials })).resolves.toEqual([
      { result: AuthorizeResult.ALLOW },
    ]);
    await expect(
      mockServices.permissions({ result: AuthorizeResult.DENY }).authorize([{ permission: readItems }], { credentials }),
    ).resolves.toEqual([{ result: AuthorizeResult.DENY }]);
    const byName = mockServices.permissions({
      policy: {
        handle: async ({ permission }) => ({ result: permission.name === deleteItem.name ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }),
      },
    });
    await expect(byName.authorize([{ permission: readItems }, { permission: deleteItem }], { credentials })).resolves.toEqual([
      { result: AuthorizeResult.ALLOW },
      { result: AuthorizeResult.DENY },
    ]);
    expect(() => mockServices.permissions({ result: 'MAYBE' as never })).toThrow(
      /result must be AuthorizeResult\.ALLOW or AuthorizeResult\.DENY/,
    );
  });
});

describe('mockServices.urlReader', () => {
  it('serves the given content, with NotFoundError and NotModifiedError like the real reader', async () => {
    const reader = mockServices.urlReader({ data: { 'https://x/a.txt': 'hello', 'https://x/b.txt': { body: 'b', etag: '"b1"' } } });
    const response = await reader.readUrl('https://x/a.txt');
    expect((await response.buffer()).toString()).toBe('hello');
    const chunks: Buffer[] = [];
    for await (const chunk of response.stream() as Readable) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    await expect(reader.readUrl('https://x/a.txt', { etag: response.etag })).rejects.toMatchObject({ name: 'NotModifiedError' });
    await expect(reader.readUrl('https://x/b.txt', { etag: '"b1"' })).rejects.toMatchObject({ name: 'NotModifiedError' });
    await expect(reader.readUrl('https://x/none')).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('mockServices.auditor', () => {
  it('records events and outcomes', async () => {
    const auditor = mockServices.auditor();
    const event = await auditor.createEvent({ eventId: 'item-delete', severityLevel: 'medium', meta: { id: 1 } });
    await event.fail({ error: new Error('nope') });
    expect(auditor.records).toEqual([
      { eventId: 'item-delete', severityLevel: 'medium', status: 'initiated', meta: { id: 1 } },
      { eventId: 'item-delete', severityLevel: 'medium', status: 'failed', meta: { id: 1 }, error: new Error('nope') },
    ]);
  });
});

describe('the .factory() forms in a test backend', () => {
  it('replace the default services for plugins', async () => {
    const auditor = mockServices.auditor();
    const results: unknown[] = [];
    const plugin = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: {
            discovery: coreServices.discovery,
            permissions: coreServices.permissions,
            urlReader: coreServices.urlReader,
            auditor: coreServices.auditor,
          },
          async init(deps) {
            results.push(await deps.discovery.getBaseUrl('x'));
            results.push((await deps.permissions.authorize([{ permission: readItems }], { credentials }))[0].result);
            results.push((await (await deps.urlReader.readUrl('https://x/a')).buffer()).toString());
            await (await deps.auditor.createEvent({ eventId: 'probe-started' })).success();
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        plugin,
        mockServices.discovery.factory({ baseUrl: 'http://probe:9' }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        mockServices.urlReader.factory({ data: { 'https://x/a': 'content' } }),
        mockServices.auditor.factory({ auditor }),
      ],
    });
    await backend.stop();
    expect(results).toEqual(['http://probe:9/api/x', AuthorizeResult.DENY, 'content']);
    expect(auditor.records.map((r) => r.status)).toEqual(['initiated', 'succeeded']);
  });
});
