/**
 * The reverse direction: a Forklift plugin with a module (through an extension point), a custom service with a
 * default factory, and a legacy plugin through `legacyPlugin`, started unmodified on Backstage's own
 * `createBackend()` (test/published-new-system) and answering over HTTP.
 */
import request from 'supertest';
import { startBackstageProcess, type BackstageProcess } from './backstageProcess';
import { startOnFreePort } from '../support/freePort';
import { prefixInstalled } from './publishedNewSystem';

const describeIfInstalled = prefixInstalled ? describe : describe.skip;

jest.setTimeout(120_000);

describeIfInstalled("Forklift features on Backstage's createBackend()", () => {
  let backend: BackstageProcess;

  beforeAll(async () => {
    backend = await startOnFreePort((port) => {
      const config = {
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { host: '127.0.0.1', port },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
      };
      return startBackstageProcess(config, '', 'forkliftFeaturesOnBackstage.ts');
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it("serves the Forklift plugin, with its module's contribution and its custom service", async () => {
    const response = await request(backend.baseUrl).get('/api/greeter/greetings/ada').expect(200);
    expect(response.body).toEqual({ greetings: ['hello, ada (from greeter)', 'shwmae, ada (from greeter)'] });
  });

  it('keeps the default auth policy for routes the plugin did not open', async () => {
    await request(backend.baseUrl).get('/api/greeter/other').expect(401);
  });

  it("serves the legacy plugin through legacyPlugin, with the backend's config", async () => {
    const response = await request(backend.baseUrl).get('/api/notes/notes');
    expect({ status: response.status, body: response.body }).toEqual({
      status: 200,
      body: { notes: ['legacy'], baseUrl: backend.baseUrl },
    });
  });
});
