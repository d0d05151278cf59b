import { isObject } from './configLayers';

// Words that mark a key as holding a secret, matched against the key's words (camelCase, snake_case,
// kebab-case split), so `clientSecret`, `auth_token` and `private-key` match but `tokenizer` does not.
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'token',
  'tokens',
  'secret',
  'secrets',
  'key',
  'keys',
  'apikey',
  'credential',
  'credentials',
  'private',
  'privatekey',
]);

/** Whether a config key (one path segment) names a secret value. */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w)) || SECRET_WORDS.has(key.toLowerCase().replace(/[_-]/g, ''));
}

/** Every string (and number) found beneath a secret-marked key, anywhere in the value. */
export function collectKeyMarkedSecrets(value: unknown, out: Set<string> = new Set(), inSecret = false): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectKeyMarkedSecrets(item, out, inSecret);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      collectKeyMarkedSecrets(child, out, inSecret || isSecretKey(key));
    }
  } else if (inSecret && (typeof value === 'string' || typeof value === 'number')) {
    out.add(String(value));
  }
  return out;
}
