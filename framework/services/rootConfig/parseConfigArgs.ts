import { ConfigError } from './ConfigError';

/** The paths given by repeated `--config <path>` or `--config=<path>` arguments, in order. */
export function parseConfigArgs(argv: readonly string[]): string[] {
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--config') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new ConfigError('CONFIG_READ_FAILED', `'--config' needs a file path after it (e.g. '--config app-config.production.yaml')`);
      }
      paths.push(next);
      i += 1;
    } else if (arg.startsWith('--config=')) {
      const value = arg.slice('--config='.length);
      if (!value) {
        throw new ConfigError('CONFIG_READ_FAILED', `'--config=' needs a file path (e.g. '--config=app-config.production.yaml')`);
      }
      paths.push(value);
    }
  }
  return paths;
}
