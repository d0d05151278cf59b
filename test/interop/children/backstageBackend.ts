/**
 * Backstage's own `createBackend()` with the published features, in a process of its own: Backstage's packages
 * load ESM-only dependencies (jose) that jest's module loader cannot, while plain Node can. Reads its config from
 * INTEROP_CONFIG, prints `{"event":"started"}` once started, and stops on SIGTERM.
 */
import { publishedFeatures, startOnBackstage } from '../backends';
import { requireFromPrefix } from '../publishedNewSystem';

async function main() {
  const config = JSON.parse(process.env.INTEROP_CONFIG ?? '{}');
  const appDir = process.env.INTEROP_APP_DIR;
  if (appDir) {
    const { overridePackagePathResolution } = requireFromPrefix('@backstage/backend-plugin-api/testUtils');
    overridePackagePathResolution({ packageName: 'interop-app', path: appDir });
  }
  const started = Date.now();
  await startOnBackstage(config, publishedFeatures([]));
  process.stdout.write(`${JSON.stringify({ event: 'started', ms: Date.now() - started, rss: process.memoryUsage().rss })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
