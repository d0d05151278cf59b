/** A single progress line on a terminal's stderr, redrawn in place; silent when stderr is not a TTY. */
export interface Progress {
  update(done: number, total: number, current: string): void;
  /** Clears the line so normal output can follow. */
  clear(): void;
  /** Prints a line above the progress line. */
  log(line: string, stream: NodeJS.WriteStream): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = Boolean(stream.isTTY);
  let shown = false;
  let last = 0;
  const clear = () => {
    if (enabled && shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return {
    update(done, total, current) {
      if (!enabled) return;
      const now = Date.now();
      if (done < total && now - last < 50) return;
      last = now;
      const width = Math.max(20, (stream.columns ?? 80) - 20);
      const name = current.length > width ? `…${current.slice(-width + 1)}` : current;
      stream.write(`\r\x1b[2K[${done}/${total}] ${name}`);
      shown = true;
    },
    clear,
    log(line, out) {
      clear();
      out.write(`${line}\n`);
    },
  };
}
