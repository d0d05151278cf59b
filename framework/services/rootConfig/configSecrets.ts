import type { Config } from '../../api';
import { collectKeyMarkedSecrets } from './secretKeys';

// Keyed by the config object the loader returned: the logger reaches the config only through the
// container, so the secret values travel with it rather than through a global list.
const substitutedSecrets = new WeakMap<object, ReadonlySet<string>>();

/** Records values that came from `${VAR}`, `$env` or `$file` substitution for this config. */
export function registerConfigSecrets(config: Config, secrets: Iterable<string>): void {
  const previous = substitutedSecrets.get(config) ?? new Set<string>();
  substitutedSecrets.set(config, new Set([...previous, ...secrets]));
}

/**
 * Every value of this config the logs must never show: the substituted ones the loader recorded, and
 * every value under a key that marks a secret (`password`, `token`, `clientSecret`, ...). Works for any
 * Config, including mocks, which only have the key-marked kind.
 */
export function getConfigSecrets(config: Config): string[] {
  const out = new Set<string>(substitutedSecrets.get(config) ?? []);
  let data: unknown;
  try {
    data = config.getOptional();
  } catch {
    // A custom Config may not support reading the whole tree; the key-marked kind is then unavailable.
    data = undefined;
  }
  collectKeyMarkedSecrets(data, out);
  return [...out].filter((s) => s !== '');
}
