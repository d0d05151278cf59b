/** The default core.urlReader of a backend reads backend.reading.allow from the backend's config. */
import http from 'http';
import type { AddressInfo } from 'net';
import { coreServices, createBackendPlugin } from '../../../../framework';
import { mockServices, startTestBackend } from '../../../../framework/testing';

describe('core.urlReader in a backend', () => {
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('served'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reads what the config allows and refuses the rest', async () => {
    const outcomes: string[] = [];
    const reader = createBackendPlugin({
      pluginId: 'reader',
      register(env) {
        env.registerInit({
          deps: { urlReader: coreServices.urlReader },
          async init({ urlReader }) {
            outcomes.push((await (await urlReader.readUrl(`http://127.0.0.1:${port}/allowed/x`)).buffer()).toString());
            outcomes.push(
              await urlReader.readUrl(`http://127.0.0.1:${port}/other`).then(
                () => 'read',
                (error: Error) => error.name,
              ),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        reader,
        mockServices.rootConfig.factory({
          data: { backend: { reading: { allow: [{ host: `127.0.0.1:${port}`, paths: ['/allowed'] }] } } },
        }),
      ],
    });
    await backend.stop();
    expect(outcomes).toEqual(['served', 'NotAllowedError']);
  });
});
