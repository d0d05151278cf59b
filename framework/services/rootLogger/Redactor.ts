// Shorter values would blank out ordinary words and numbers all over the logs while hiding nothing.
const MIN_SECRET_LENGTH = 3;
const MAX_DEPTH = 12;

/**
 * Replaces every known secret value inside strings, objects, arrays and errors with `***`.
 * Always builds new objects, so the caller's metadata is never modified.
 */
export class Redactor {
  static readonly REPLACEMENT = '***';

  readonly #secrets = new Set<string>();
  #pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    this.add(secrets);
  }

  add(secrets: Iterable<string>): void {
    let changed = false;
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.#secrets.has(secret)) continue;
      this.#secrets.add(secret);
      changed = true;
    }
    if (!changed) return;
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...this.#secrets].sort((a, b) => b.length - a.length);
    this.#pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
  }

  get size(): number {
    return this.#secrets.size;
  }

  redactString(text: string): string {
    return this.#pattern ? text.replace(this.#pattern, Redactor.REPLACEMENT) : text;
  }

  /** A copy of `value` with secrets replaced; errors become `{ name, message, stack, ... }`. */
  redact(value: unknown): unknown {
    return this.#walk(value, 0, new WeakSet());
  }

  #walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof Date || Buffer.isBuffer(value)) return value;
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Object]';
    seen.add(value);
    try {
      if (Array.isArray(value)) return value.map((item) => this.#walk(item, depth + 1, seen));
      const out: Record<string, unknown> = {};
      if (isError(value)) {
        out.name = value.name;
        out.message = this.redactString(value.message);
        if (value.stack) out.stack = this.redactString(value.stack);
        if ((value as { cause?: unknown }).cause !== undefined)
          out.cause = this.#walk((value as { cause?: unknown }).cause, depth + 1, seen);
      }
      for (const [key, child] of Object.entries(value)) {
        out[key] = this.#walk(child, depth + 1, seen);
      }
      return out;
    } finally {
      seen.delete(value);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Also true for errors from another realm (node internals seen from jest's vm contexts). */
export function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}
