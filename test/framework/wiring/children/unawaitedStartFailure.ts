// A backend index as the codemod writes it: `backend.start();` with nothing awaiting it, and a plugin that fails.
import { createBackend, createBackendPlugin } from '../../../../framework';

const backend = createBackend();
backend.add(
  createBackendPlugin({
    pluginId: 'broken',
    register(env) {
      env.registerInit({
        deps: {},
        async init() {
          throw new Error('the broken plugin cannot reach its upstream');
        },
      });
    },
  }),
);
backend.start();
