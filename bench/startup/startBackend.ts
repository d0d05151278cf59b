/**
 * One measurement: starts a backend with every default service and N trivial plugins, each depending on
 * logger, rootConfig and a custom plugin-scoped service, then prints one JSON line and stops it.
 * Run through run.js, one process per size, so each RSS figure belongs to one backend only.
 */
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  createServiceRef,
  createSpecializedBackend,
  defaultServiceFactories,
} from '../../framework';
import { mockServices } from '../../framework/testing';

interface Counter {
  increment(): number;
}

const counterRef = createServiceRef<Counter>({ id: 'bench.counter' });

const counterFactory = createServiceFactory({
  service: counterRef,
  deps: { logger: coreServices.logger, pluginMetadata: coreServices.pluginMetadata },
  createRootContext: () => ({ total: 0 }),
  factory: ({ logger, pluginMetadata }, context: { total: number }) => {
    let own = 0;
    logger.debug(`counter ready for ${pluginMetadata.getId()}`);
    return {
      increment: () => {
        context.total++;
        return ++own;
      },
    };
  },
});

function trivialPlugin(index: number) {
  const pluginId = `bench-plugin-${index}`;
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { logger: coreServices.logger, config: coreServices.rootConfig, counter: counterRef },
        async init({ logger, config, counter }) {
          counter.increment();
          logger.debug(`${pluginId} started with greeting ${config.getOptionalString('bench.greeting')}`);
        },
      });
    },
  });
}

async function main() {
  const size = Number(process.argv[2]);
  if (!Number.isInteger(size) || size <= 0) {
    throw new Error(`usage: startBackend.ts <number of plugins>, got '${process.argv[2] ?? ''}'`);
  }
  const backend = createSpecializedBackend({ defaultServiceFactories });
  backend.add(
    mockServices.rootConfig.factory({
      data: { bench: { greeting: 'hello' }, backend: { listen: { host: '127.0.0.1', port: 0 }, logging: { level: 'warn' } } },
    }),
  );
  backend.add(counterFactory);
  for (let i = 0; i < size; i++) backend.add(trivialPlugin(i));

  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await backend.start();
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  // CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
  const cpu = process.cpuUsage(cpuBefore);
  const memory = process.memoryUsage();
  await backend.stop();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'startup',
      plugins: size,
      startMs: Math.round(startMs * 10) / 10,
      cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
      rssMb: Math.round((memory.rss / 2 ** 20) * 10) / 10,
      heapUsedMb: Math.round((memory.heapUsed / 2 ** 20) * 10) / 10,
      node: process.version,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
