/** How long identical error lines are counted before one line says how many there were. */
const REPEAT_SUMMARY_INTERVAL_MS = 10_000;
// Distinct kinds counted at once; beyond this new kinds are written in full (bounded memory in a storm).
const MAX_TRACKED = 500;

interface Tally<T> {
  count: number;
  last: T;
}

/**
 * Keeps an outage from writing one error line (plus a stack) per request: the first occurrence of a kind in an
 * interval is written in full, the rest are only counted, and at the end of the interval `summarise` gets the
 * count (when there were repeats) and the context of the last one.
 */
export class RepeatCounter<T> {
  readonly #tallies = new Map<string, Tally<T>>();

  constructor(
    private readonly summarise: (key: string, repeats: number, last: T) => void,
    readonly intervalMs: number = REPEAT_SUMMARY_INTERVAL_MS,
  ) {}

  /** Whether this occurrence is to be written in full (the first of its kind in the interval). */
  admit(key: string, context: T): boolean {
    const tally = this.#tallies.get(key);
    if (tally) {
      tally.count += 1;
      tally.last = context;
      return false;
    }
    if (this.#tallies.size >= MAX_TRACKED) return true;
    this.#tallies.set(key, { count: 0, last: context });
    setTimeout(() => this.#end(key), this.intervalMs).unref();
    return true;
  }

  #end(key: string): void {
    const tally = this.#tallies.get(key);
    this.#tallies.delete(key);
    if (tally && tally.count > 0) this.summarise(key, tally.count, tally.last);
  }
}
