import { randomBytes } from 'crypto';
import type { Config } from '../../api';

/** HMAC secrets for backend tokens: the first signs, every one verifies (so keys can be rotated). */
export interface AuthKeys {
  signing: string;
  verifying: string[];
  /** `config`: shared by every instance with the same `backend.auth.keys`; `generated`: this backend only. */
  source: 'config' | 'generated';
}

const MIN_SECRET_LENGTH = 16;

/**
 * Keys from `backend.auth.keys: [{ secret }]`. Without them a random key is made per backend instance:
 * tokens then only work inside this instance, which is right for one process and wrong for several
 * instances behind a load balancer (configure shared keys there).
 */
export function readAuthKeys(config: Config): AuthKeys {
  const entries = config.getOptionalConfigArray('backend.auth.keys');
  if (!entries || entries.length === 0) {
    return { signing: randomBytes(32).toString('base64url'), verifying: [], source: 'generated' };
  }
  const secrets = entries.map((entry, i) => {
    const secret = entry.getOptionalString('secret');
    if (!secret || secret.length < MIN_SECRET_LENGTH) {
      throw new TypeError(
        `Invalid config for 'backend.auth.keys[${i}].secret': a secret of at least ${MIN_SECRET_LENGTH} characters is required (e.g. the output of 'openssl rand -base64 32')`,
      );
    }
    return secret;
  });
  return { signing: secrets[0], verifying: secrets, source: 'config' };
}

export function verifyingKeys(keys: AuthKeys): string[] {
  return keys.source === 'generated' ? [keys.signing] : keys.verifying;
}
