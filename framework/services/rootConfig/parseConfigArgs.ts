import { ConfigError } from './ConfigError';

// Tools that share the process (jest, webpack, ts-node) take `--config some.config.js` too; a script
// can never be one of ours (nor can jest's inline JSON config), so it is skipped rather than parsed.
const SCRIPT_FILE = /\.(?:[cm]?js|[cm]?ts)$|^\s*\{/i;

/**
 * The paths given by repeated `--config <path>` or `--config=<path>` arguments, in order
 * (JavaScript/TypeScript files excepted: those belong to other tools).
 */
export function parseConfigArgs(argv: readonly string[]): string[] {
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--config') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new ConfigError('CONFIG_READ_FAILED', `'--config' needs a file path after it (e.g. '--config app-config.production.yaml')`);
      }
      if (!SCRIPT_FILE.test(next)) paths.push(next);
      i += 1;
    } else if (arg.startsWith('--config=')) {
      const value = arg.slice('--config='.length);
      if (!value) {
        throw new ConfigError('CONFIG_READ_FAILED', `'--config=' needs a file path (e.g. '--config=app-config.production.yaml')`);
      }
      if (!SCRIPT_FILE.test(value)) paths.push(value);
    }
  }
  return paths;
}
