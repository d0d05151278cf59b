import { coreServices, createBackendPlugin } from 'forklift/framework';
import { rootInstanceMetadataServiceFactory } from '../../../../framework/services/rootInstanceMetadata';
import { makeBackend } from '../../wiring/helpers';

/** Starts a backend with two plugins that each read the instance id twice: once at init, once at startup. */
async function idsSeenByPlugins(): Promise<string[]> {
  const { backend } = makeBackend({ extra: [rootInstanceMetadataServiceFactory] });
  const seen: string[] = [];
  for (const pluginId of ['first', 'second']) {
    backend.add(
      createBackendPlugin({
        pluginId,
        register(env) {
          env.registerInit({
            deps: { meta: coreServices.rootInstanceMetadata, lifecycle: coreServices.lifecycle },
            async init({ meta, lifecycle }) {
              seen.push(meta.getId());
              lifecycle.addStartupHook(() => void seen.push(meta.getId()));
            },
          });
        },
      }),
    );
  }
  await backend.start();
  await backend.stop();
  return seen;
}

describe('rootInstanceMetadata.getId', () => {
  it('is one id for the whole instance, the same for every plugin and every call', async () => {
    const seen = await idsSeenByPlugins();
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs between two instances of the same backend', async () => {
    const [one, two] = await Promise.all([idsSeenByPlugins(), idsSeenByPlugins()]);
    expect(one[0]).not.toBe(two[0]);
  });
});
