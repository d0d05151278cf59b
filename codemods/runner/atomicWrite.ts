/**
 * One file replaced so that an interruption (even SIGKILL) cannot leave it half written: a temp file in
 * the same folder, then a rename over the target (atomic on one file system). A run's many files go
 * through RunTransaction (transaction.ts), which builds on the same two moves.
 */
import { Disk } from './disk';
import { temporaryNameFor } from './transaction';

/** Replaces (or creates) one file atomically, keeping the mode of the file it replaces. */
export function writeFileAtomic(target: string, content: string, mode?: number): void {
  const disk = new Disk();
  const temp = temporaryNameFor(target);
  disk.makeFolderFor(target);
  try {
    disk.writeNew(temp, content, mode);
    disk.rename(temp, target);
  } catch (error) {
    disk.remove(temp);
    throw error;
  }
}
