import { ConfigError } from './ConfigError';

/** What the config transforms need from the outside world; injectable so tests need no real env. */
export interface SubstitutionEnv {
  env: Record<string, string | undefined>;
}

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${NAME}` with the environment value; `$${` stays as a literal `${`. Returns undefined when
 * a referenced variable is unset, so the key is treated as absent (as Backstage does), and records
 * every substituted value as a secret. Errors never include the string or the values.
 */
export function substituteString(input: string, where: string, env: SubstitutionEnv['env'], secrets: Set<string>): string | undefined {
  let out = '';
  let missing = false;
  let i = 0;
  while (i < input.length) {
    if (input.startsWith('$${', i)) {
      out += '${';
      i += 3;
      continue;
    }
    if (input.startsWith('${', i)) {
      const end = input.indexOf('}', i + 2);
      if (end === -1) {
        throw new ConfigError(
          'CONFIG_SUBSTITUTION_FAILED',
          `Unterminated '\${' substitution ${where}: close it with '}', or write '$\${' for a literal '\${'`,
        );
      }
      const name = input.slice(i + 2, end).trim();
      if (!VAR_NAME.test(name)) {
        throw new ConfigError(
          'CONFIG_SUBSTITUTION_FAILED',
          `Invalid environment variable name in '\${...}' substitution ${where}: use letters, digits and '_' (e.g. '\${MY_TOKEN}'), or write '$\${' for a literal '\${'`,
        );
      }
      const value = env[name];
      if (value === undefined) {
        missing = true;
      } else {
        secrets.add(value);
        out += value;
      }
      i = end + 1;
      continue;
    }
    out += input[i];
    i += 1;
  }
  return missing ? undefined : out;
}
