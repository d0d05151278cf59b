/**
 * Features written on Forklift, started on Backstage's own `createBackend()` (from test/published-new-system): a
 * plugin with an extension point, a module that uses it, a custom service with a default factory, and a legacy
 * `createRouter(env)` plugin through `legacyPlugin`. Reads its config from INTEROP_CONFIG and prints
 * `{"event":"started"}` once started; stops on SIGTERM.
 */
import express from 'express';
import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
} from '../../../framework';
import { legacyPlugin, type PluginEnvironment } from '../../../legacy-bridge';
import { startOnBackstage } from '../backends';

interface Greetings {
  add(greeting: string): void;
}
const greetingsExtensionPoint = createExtensionPoint<Greetings>({ id: 'greeter.greetings' });

interface Formatter {
  format(greeting: string, name: string): string;
}
const formatterServiceRef = createServiceRef<Formatter>({
  id: 'interop.formatter',
  defaultFactory: async (service) =>
    createServiceFactory({
      service,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) => ({ format: (greeting, name) => `${greeting}, ${name} (from ${plugin.getId()})` }),
    }),
});

const greeterPlugin = createBackendPlugin({
  pluginId: 'greeter',
  register(env) {
    const greetings: string[] = ['hello'];
    env.registerExtensionPoint(greetingsExtensionPoint, { add: (greeting) => void greetings.push(greeting) });
    env.registerInit({
      deps: { router: coreServices.httpRouter, formatter: formatterServiceRef, logger: coreServices.logger },
      async init({ router, formatter, logger }) {
        const routes = express.Router();
        routes.get('/greetings/:name', (req, res) => {
          res.json({ greetings: greetings.map((greeting) => formatter.format(greeting, req.params.name)) });
        });
        router.use(routes);
        router.addAuthPolicy({ path: '/greetings', allow: 'unauthenticated' });
        logger.info(`greeter started with ${greetings.length} greetings`);
      },
    });
  },
});

const greeterModule = createBackendModule({
  pluginId: 'greeter',
  moduleId: 'welsh',
  register(env) {
    env.registerInit({
      deps: { greetings: greetingsExtensionPoint },
      async init({ greetings }) {
        greetings.add('shwmae');
      },
    });
  },
});

/** A legacy plugin file's createPlugin(env), verbatim in shape. */
async function createLegacyNotes(env: PluginEnvironment) {
  const router = express.Router();
  router.get('/notes', (_req, res) => {
    res.json({ notes: ['legacy'], baseUrl: env.config.getString('backend.baseUrl') });
  });
  return router;
}

async function main() {
  const config = JSON.parse(process.env.INTEROP_CONFIG ?? '{}');
  await startOnBackstage(config, [greeterPlugin, greeterModule, legacyPlugin('notes', Promise.resolve({ default: createLegacyNotes }))]);
  process.stdout.write(`${JSON.stringify({ event: 'started' })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
