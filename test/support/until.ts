/**
 * The suite's one way to wait for an outcome: ask again and again until it holds. The deadline is a test's
 * "this will not happen" and must stay well above anything the product itself waits on (test/README.md).
 */
export interface UntilOptions {
  /** Give up after this long (default 5 s). */
  timeoutMs?: number;
  /** Ask again after this long (default 20 ms). */
  intervalMs?: number;
}

/** Resolves once `condition` holds; fails naming `what` when it still does not at the deadline. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, options: UntilOptions = {}): Promise<void> {
  const { timeoutMs = 5_000, intervalMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
