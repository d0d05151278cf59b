import { createHash, timingSafeEqual } from 'crypto';
import type { Config } from '../../api';

/** Outside callers with a fixed token, from `backend.auth.externalAccess: [{ type: 'static', options: { token, subject } }]`. */
export class StaticExternalTokens {
  readonly #entries: Array<{ digest: Buffer; subject: string }>;

  constructor(entries: Array<{ token: string; subject: string }>) {
    this.#entries = entries.map((e) => ({ digest: digest(e.token), subject: e.subject }));
  }

  get size(): number {
    return this.#entries.length;
  }

  /** The subject of a matching token, compared in constant time. */
  match(token: string): string | undefined {
    if (this.#entries.length === 0) return undefined;
    const candidate = digest(token);
    let subject: string | undefined;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, candidate)) subject = entry.subject;
    }
    return subject;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

const MIN_TOKEN_LENGTH = 8;

export function readExternalAccess(config: Config): StaticExternalTokens {
  const entries = config.getOptionalConfigArray('backend.auth.externalAccess') ?? [];
  const tokens = entries.map((entry, i) => {
    const where = `backend.auth.externalAccess[${i}]`;
    const type = entry.getOptionalString('type');
    if (type !== 'static') {
      throw new TypeError(`Invalid config for '${where}.type': got ${JSON.stringify(type)}, only 'static' is supported`);
    }
    const token = entry.getOptionalString('options.token');
    const subject = entry.getOptionalString('options.subject');
    if (!token || token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
      throw new TypeError(
        `Invalid config for '${where}.options.token': a token of at least ${MIN_TOKEN_LENGTH} characters without whitespace is required`,
      );
    }
    if (!subject || !/^[a-zA-Z0-9:._/-]+$/.test(subject)) {
      throw new TypeError(
        `Invalid config for '${where}.options.subject': a subject naming the caller is required (letters, digits, ':._/-'), e.g. 'ci-pipeline'`,
      );
    }
    return { token, subject };
  });
  return new StaticExternalTokens(tokens);
}
