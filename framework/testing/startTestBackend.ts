import type http from 'http';
import { coreServices } from '../api';
import { createSpecializedBackendWithInternals, type Backend } from '../wiring';
import { testServiceFactories } from './testServiceFactories';

export interface StartTestBackendOptions {
  /** Plugins, modules, service factories (they replace the test defaults) and loaders, as for backend.add(). */
  features?: unknown[];
}

export interface TestBackend extends Backend {
  /** The backend's HTTP server, listening on a free port of 127.0.0.1: hand it to supertest. */
  server: http.Server;
}

const running = new Set<TestBackend>();

/** Stops every test backend still running; registered with jest's afterAll when jest is present. */
export async function stopAllTestBackends(): Promise<void> {
  const backends = [...running];
  running.clear();
  await Promise.all(backends.map((b) => b.stop()));
}

// Registered when this module is loaded (at the top of a test file), where jest allows hooks.
if (typeof afterAll === 'function') {
  try {
    afterAll(stopAllTestBackends);
  } catch {
    // Loaded from inside a test: the caller stops its backends with stop() or stopAllTestBackends().
  }
}

/**
 * Starts a backend with the default services and test doubles (mock config, recording logger, SQLite in memory,
 * HTTP on a free port), adds `features`, and resolves once it has started. It is stopped after the test file's
 * tests (jest afterAll) or by calling `stop()`.
 */
export async function startTestBackend(options: StartTestBackendOptions = {}): Promise<TestBackend> {
  const { backend, internals } = createSpecializedBackendWithInternals({ defaultServiceFactories: testServiceFactories() });
  for (const feature of options.features ?? []) backend.add(feature);
  try {
    await backend.start();
  } catch (error) {
    await backend.stop();
    throw error;
  }
  const router = (await internals.getRootService(coreServices.rootHttpRouter)) as unknown as { server?: { server?: http.Server } };
  const server = router.server?.server;
  if (!server) {
    await backend.stop();
    throw new Error(
      'startTestBackend: the core.rootHttpRouter in use exposes no `server.server` (http.Server); ' +
        'use the default rootHttpRouter factory or one built with createRootHttpRouter',
    );
  }
  const testBackend: TestBackend = {
    add: (feature) => backend.add(feature),
    start: () => backend.start(),
    stop: async () => {
      running.delete(testBackend);
      await backend.stop();
    },
    server,
  };
  running.add(testBackend);
  return testBackend;
}
