/**
 * One backend with the real published plugin set of test/published-new-system, in its own process:
 *
 *   node realPluginsChild.js <forklift|backstage>
 *
 * Both systems get the same features (proxy, app, permission + allow-all policy module, catalog + scaffolder entity
 * model module, search + catalog collator module) and the same config (BENCH_CONFIG). Forklift runs from its
 * compiled dist/ (`npx tsc -p tsconfig.build.json`), like the published packages run from JavaScript. Prints one
 * JSON line with start() time and RSS once the app route answers 200, then exits.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const ROOT = path.resolve(__dirname, '..', '..');
const fromPrefix = createRequire(path.join(ROOT, 'test', 'published-new-system', 'package.json'));
const system = process.argv[2];
const config = JSON.parse(process.env.BENCH_CONFIG);

function features() {
  return [
    '@backstage/plugin-proxy-backend',
    '@backstage/plugin-app-backend',
    '@backstage/plugin-permission-backend',
    '@backstage/plugin-permission-backend-module-allow-all-policy',
    '@backstage/plugin-catalog-backend',
    '@backstage/plugin-catalog-backend-module-scaffolder-entity-model',
    '@backstage/plugin-search-backend',
    '@backstage/plugin-search-backend-module-catalog',
  ].map((name) => fromPrefix(name));
}

function createSystemBackend() {
  if (system === 'forklift') {
    const framework = require(path.join(ROOT, 'dist', 'framework'));
    const { ConfigReader } = require(path.join(ROOT, 'dist', 'framework', 'services', 'rootConfig'));
    const backend = framework.createSpecializedBackend({ defaultServiceFactories: framework.defaultServiceFactories });
    backend.add(
      framework.createServiceFactory({ service: framework.coreServices.rootConfig, deps: {}, factory: () => new ConfigReader(config) }),
    );
    return backend;
  }
  if (system === 'backstage') {
    const { createBackend } = fromPrefix('@backstage/backend-defaults');
    const api = fromPrefix('@backstage/backend-plugin-api');
    const { ConfigReader } = fromPrefix('@backstage/config');
    const backend = createBackend();
    backend.add(api.createServiceFactory({ service: api.coreServices.rootConfig, deps: {}, factory: () => new ConfigReader(config) }));
    return backend;
  }
  throw new Error(`unknown system '${system}': use forklift or backstage`);
}

async function main() {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-bench-app-'));
  fs.mkdirSync(path.join(appDir, 'dist', 'static'), { recursive: true });
  fs.writeFileSync(path.join(appDir, 'dist', 'static', 'main.js'), 'console.log(1);\n');
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'bench-app', version: '1.0.0' }));
  fs.writeFileSync(path.join(appDir, 'dist', 'index.html'), '<!doctype html><title>bench</title>');
  fromPrefix('@backstage/backend-plugin-api/testUtils').overridePackagePathResolution({ packageName: 'bench-app', path: appDir });

  const backend = createSystemBackend();
  for (const feature of features()) backend.add(feature);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await backend.start();
  const startMs = performance.now() - started;
  const { user, system: sys } = process.cpuUsage(cpu);
  const response = await fetch(`${config.backend.baseUrl}/api/app/`);
  if (response.status !== 200) throw new Error(`${system}: GET /api/app/ answered ${response.status}`);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  process.stdout.write(`${JSON.stringify({ child: system, startMs, startCpuMs: (user + sys) / 1000, rssMb })}\n`);
  await backend.stop();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
