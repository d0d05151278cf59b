/**
 * Run as a child process by signals.test.ts: starts a backend that handles SIGTERM / SIGINT, prints `started`,
 * and prints `shutdown hook ran` from a plugin shutdown hook. FORKLIFT_CHILD_FAIL_SHUTDOWN=1 makes that hook
 * fail; FORKLIFT_CHILD_MODE=createBackend uses createBackend() with every default service.
 */
import { coreServices, createBackend, createBackendPlugin, createSpecializedBackend } from '../../../../framework';
import { mockServices } from '../../../../framework/testing';
import { lifecycleServiceFactory } from '../../../../framework/services/lifecycle';
import { rootLifecycleServiceFactory } from '../../../../framework/services/rootLifecycle';

const backend =
  process.env.FORKLIFT_CHILD_MODE === 'createBackend'
    ? createBackend()
    : createSpecializedBackend({
        defaultServiceFactories: [
          mockServices.rootLogger.factory(),
          mockServices.logger.factory(),
          rootLifecycleServiceFactory,
          lifecycleServiceFactory,
        ],
        handleProcessSignals: true,
      });

backend.add(
  createBackendPlugin({
    pluginId: 'child',
    register(env) {
      env.registerInit({
        deps: { lifecycle: coreServices.lifecycle },
        async init({ lifecycle }) {
          lifecycle.addShutdownHook(() => {
            process.stdout.write('shutdown hook ran\n');
            if (process.env.FORKLIFT_CHILD_FAIL_SHUTDOWN === '1') throw new Error('could not flush');
          });
        },
      });
    },
  }),
);

// A real backend is kept alive by its HTTP server; this bare one needs a timer so that only the signal ends it.
const keepAlive = setInterval(() => {}, 60_000);

backend.start().then(
  () => process.stdout.write('started\n'),
  (error) => {
    clearInterval(keepAlive);
    process.stderr.write(`start failed: ${error.message}\n`);
    process.exit(3);
  },
);
