/** A sleep that ends early when woken (a manual trigger) or when the stop signal fires. */
export class Waker {
  #pending = false;
  #wakeUp?: () => void;

  wake(): void {
    this.#pending = true;
    this.#wakeUp?.();
  }

  sleep(ms: number, stop: AbortSignal): Promise<void> {
    if (this.#pending || stop.aborted) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop.removeEventListener('abort', done);
        this.#wakeUp = undefined;
        this.#pending = false;
        resolve();
      };
      // setTimeout overflows above 2^31-1 ms and would fire at once.
      const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
      stop.addEventListener('abort', done);
      this.#wakeUp = done;
    });
  }
}
