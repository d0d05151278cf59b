/**
 * Backstage's own `createBackend()` (test/published-new-system, with its default auth service) running two plugins
 * that call and answer with plugin tokens: `ledger` answers `/whoami`, `clerk` calls another plugin's `/whoami`.
 * Reads its config from INTEROP_CONFIG, prints `{"event":"started"}` once started; stops on SIGTERM.
 */
import { startOnBackstage } from '../backends';
import { callerPlugin, whoamiPlugin } from '../../framework/services/auth/pluginTokenFixtures';

async function main() {
  const config = JSON.parse(process.env.INTEROP_CONFIG ?? '{}');
  await startOnBackstage(config, [whoamiPlugin('ledger'), callerPlugin('clerk')]);
  process.stdout.write(`${JSON.stringify({ event: 'started' })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
