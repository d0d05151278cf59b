/**
 * Every change the runner makes on disk goes through here: one place that lists them, and one hook that
 * sees each change before it happens. A throw from the hook fails that change the way a full disk or a
 * lost permission would, which is how the tests interrupt a run at every single write.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface WriteStep {
  action: 'mkdir' | 'write' | 'rename' | 'delete';
  /** Absolute path of the folder made, the file written, the rename's target, or the file deleted. */
  path: string;
}

export type WriteHook = (step: WriteStep) => void;

function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export class Disk {
  readonly #beforeWrite: WriteHook | undefined;

  constructor(beforeWrite?: WriteHook) {
    this.#beforeWrite = beforeWrite;
  }

  /** Makes the folder `file` goes into, when it is missing; returns the outermost folder it made. */
  makeFolderFor(file: string): string | undefined {
    const dir = path.dirname(file);
    if (present(dir)) return undefined;
    let outermost = dir;
    while (!present(path.dirname(outermost))) outermost = path.dirname(outermost);
    this.#beforeWrite?.({ action: 'mkdir', path: dir });
    fs.mkdirSync(dir, { recursive: true });
    return outermost;
  }

  /** Removes a folder this run made, when nothing has been put into it. */
  removeEmptyFolder(dir: string): void {
    if (!present(dir) || fs.readdirSync(dir).length > 0) return;
    this.#beforeWrite?.({ action: 'delete', path: dir });
    fs.rmdirSync(dir);
  }

  /** Writes a new file (never one that exists) with exactly `mode` (the umask would drop bits the original had). */
  writeNew(file: string, content: string, mode = 0o644): void {
    this.#beforeWrite?.({ action: 'write', path: file });
    fs.writeFileSync(file, content, { mode, flag: 'wx' });
    fs.chmodSync(file, mode);
  }

  rename(from: string, to: string): void {
    this.#beforeWrite?.({ action: 'rename', path: to });
    fs.renameSync(from, to);
  }

  /** Deletes a file; one that is already gone is no error (deleting is how leftovers are cleaned). */
  remove(file: string): void {
    if (!present(file)) return;
    this.#beforeWrite?.({ action: 'delete', path: file });
    fs.rmSync(file, { force: true });
  }
}
