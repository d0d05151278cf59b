/**
 * `alpha.core.actions`: one plugin lists and invokes another plugin's actions over HTTP, through discovery, with
 * a plugin token on behalf of the caller; failures come back as ResponseError with the remote status and error.
 */
import {
  alphaServices,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type ActionsService,
  type AuthService,
} from '../../../../framework';
import { startTestBackend, type MockLogger } from '../../../../framework/testing';
import { actionsConfig, calls, greeterPlugin } from './fixtures';

describe('actions service', () => {
  let actions: ActionsService;
  let auth: AuthService;
  let logs: MockLogger;
  let baseUrl = '';

  beforeAll(async () => {
    const caller = createBackendPlugin({
      pluginId: 'caller',
      register(env) {
        env.registerInit({
          deps: { actions: alphaServices.actions, auth: coreServices.auth, rootLogger: coreServices.rootLogger },
          async init(deps) {
            ({ actions, auth } = deps);
            logs = deps.rootLogger as unknown as MockLogger;
          },
        });
      },
    });
    // The test backend listens on a free port; discovery learns it once the server is up.
    const discovery = createServiceFactory({
      service: coreServices.discovery,
      deps: {},
      factory: () => ({
        getBaseUrl: async (pluginId: string) => `${baseUrl}/api/${pluginId}`,
        getExternalBaseUrl: async (pluginId: string) => `${baseUrl}/api/${pluginId}`,
      }),
    });
    const backend = await startTestBackend({
      features: [greeterPlugin, caller, discovery, actionsConfig({ actions: { pluginSources: ['greeter', 'missing'] } })],
    });
    const address = backend.server.address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  it('lists the actions of the plugins in backend.actions.pluginSources, skipping a source that fails', async () => {
    const { actions: listed } = await actions.list({ credentials: await auth.getOwnServiceCredentials() });
    expect(listed.map((a) => a.id).sort()).toEqual([
      'greeter:bare',
      'greeter:broken',
      'greeter:greet',
      'greeter:hidden',
      'greeter:with-token',
    ]);
    expect(listed.find((a) => a.id === 'greeter:greet')?.schema.input).toMatchObject({ required: ['name'] });
    expect(logs.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'Failed to fetch actions from missing',
        fields: expect.objectContaining({ plugin: 'caller' }),
      }),
    );
  });

  it('invokes an action on the owning plugin as the calling plugin, and carries secrets over v2', async () => {
    calls.length = 0;
    const credentials = await auth.getOwnServiceCredentials();
    await expect(actions.invoke({ id: 'greeter:greet', input: { name: 'Jane' }, credentials })).resolves.toEqual({
      output: { greeting: 'Hello, Jane!' },
    });
    expect(calls[0].credentials.principal).toEqual({ type: 'service', subject: 'plugin:caller' });
    await expect(
      actions.invoke({ id: 'greeter:with-token', input: { repo: 'r' }, secrets: { token: 'abcd' }, credentials }),
    ).resolves.toEqual({ output: { used: 'r with ab…' } });
  });

  it('throws a ResponseError with the remote status and error for a refused invocation', async () => {
    const credentials = await auth.getOwnServiceCredentials();
    const failure = actions.invoke({ id: 'greeter:greet', input: { name: 1 }, credentials });
    await expect(failure).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      message: expect.stringContaining(
        'invoking action \'greeter:greet\' failed with 400 Bad Request: InputError: Invalid input to action "greeter:greet": name: Expected string',
      ),
      cause: expect.objectContaining({ name: 'InputError' }),
    });
    await expect(actions.invoke({ id: 'greet', credentials })).rejects.toThrow("Invalid action id 'greet'");
  });
});
