/** A plugin with actions, and a backend config with a static service token and a user-token key, for the actions tests. */
import {
  alphaServices,
  coreServices,
  createBackendPlugin,
  createPermission,
  createServiceFactory,
  issueUserToken,
  type BackstageCredentials,
  type JsonObject,
} from '../../../../framework';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { TEST_CONFIG } from '../../../../framework/testing';

export const SERVICE_TOKEN = 'actions-test-static-token-0123456789abcdef';
const USER_KEY = 'actions-test-user-key-0123456789abcdef';

export const service = { Authorization: `Bearer ${SERVICE_TOKEN}` };
export const user = () => ({ Authorization: `Bearer ${issueUserToken({ secret: USER_KEY, userEntityRef: 'user:default/jane' }).token}` });

/** The test backend's config with real auth (a static external token, a user-token key) plus `extra` under `backend`. */
export function actionsConfig(extra: JsonObject = {}) {
  const backend = {
    ...(TEST_CONFIG.backend as JsonObject),
    auth: {
      keys: [{ secret: USER_KEY }],
      externalAccess: [{ type: 'static', options: { token: SERVICE_TOKEN, subject: 'actions-test' } }],
    },
    ...extra,
  };
  return createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => new ConfigReader({ backend }) });
}

export const secretVisibility = createPermission({ name: 'greeter.secret.view', attributes: { action: 'read' } });

/** What the `greet` action was called with, most recent last. */
export const calls: Array<{ input: unknown; credentials: BackstageCredentials; secrets: unknown }> = [];

/**
 * `greeter:greet` (input and output schemas, read-only), `greeter:broken` (answers output its schema refuses),
 * `greeter:bare` (no schemas), `greeter:with-token` (needs secrets) and `greeter:hidden` (behind a visibility
 * permission).
 */
export const greeterPlugin = createBackendPlugin({
  pluginId: 'greeter',
  register(env) {
    env.registerInit({
      deps: { actions: alphaServices.actionsRegistry },
      async init({ actions }) {
        actions.register({
          name: 'greet',
          title: 'Greet',
          description: 'Says hello to someone',
          attributes: { readOnly: true },
          examples: [{ title: 'Jane', input: { name: 'Jane' }, output: { greeting: 'Hello, Jane!' } }],
          schema: {
            input: (z) => z.object({ name: z.string().describe('Who to greet'), times: z.number().int().min(1).optional() }),
            output: (z) => z.object({ greeting: z.string() }),
          },
          async action({ input, credentials, secrets }) {
            calls.push({ input, credentials, secrets });
            return { output: { greeting: `Hello, ${input.name}!`.repeat(input.times ?? 1) } };
          },
        });
        actions.register({
          name: 'broken',
          title: 'Broken',
          description: 'Answers with output its own schema refuses',
          schema: { input: (z) => z.object({}), output: (z) => z.object({ count: z.number() }) },
          action: async () => ({ output: { count: 'many' as unknown as number } }),
        });
        actions.register({
          name: 'bare',
          title: 'Bare',
          description: 'Has no schemas',
          attributes: { destructive: false, idempotent: true },
          action: async () => undefined,
        } as never);
        actions.register({
          name: 'with-token',
          title: 'With token',
          description: 'Needs an API token as a secret',
          schema: {
            input: (z) => z.object({ repo: z.string() }),
            output: (z) => z.object({ used: z.string() }),
            secrets: (z) => z.object({ token: z.string().min(4) }),
          },
          action: async ({ input, secrets }) => ({ output: { used: `${input.repo} with ${secrets.token.slice(0, 2)}…` } }),
        });
        actions.register({
          name: 'hidden',
          title: 'Hidden',
          description: 'Only for callers the policy allows to see it',
          visibilityPermission: secretVisibility,
          schema: { input: (z) => z.object({}), output: (z) => z.object({ seen: z.boolean() }) },
          action: async () => ({ output: { seen: true } }),
        });
      },
    });
  },
});
