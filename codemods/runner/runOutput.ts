/**
 * A transform that reads what the other transforms made of other files (package-json declares what the new
 * code imports) runs after them: the runner keeps each file's result as it arrives and runs the files such a
 * transform matches last, with those results. So each source file goes through the transforms once per run,
 * and what package-json reads is exactly what the run writes.
 */
import type { MigratedFile, RunOutput, Transform } from '../transforms/types';
import { normalizeText } from './textEncoding';
import type { FileTask, FileTaskResult } from './types';

/** `last`: the tasks a transform that reads the run's output matches; `first`: every other task. */
export function splitByRunOutput(tasks: FileTask[], transforms: Transform[]): { first: FileTask[]; last: FileTask[] } {
  const readers = transforms.filter((t) => t.readsRunOutput);
  const first: FileTask[] = [];
  const last: FileTask[] = [];
  for (const task of tasks) {
    const file = { path: task.path, source: normalizeText(task.source) };
    (readers.some((t) => t.matches(file)) ? last : first).push(task);
  }
  return { first, last };
}

/** What one task's result says the transforms made of its file and of the others they wrote (canonical text). */
function migratedFileOf(task: FileTask, result: FileTaskResult): MigratedFile | undefined {
  let text: string | null | undefined;
  const sideFiles = new Map<string, string | null>();
  for (const outcome of result.outcomes) {
    const written =
      outcome.status === 'deleted'
        ? null
        : (outcome.status === 'ok' || outcome.status === 'created') && outcome.source !== undefined
          ? normalizeText(outcome.source)
          : undefined;
    if (written === undefined) continue;
    if (outcome.path === task.path) text = written;
    else sideFiles.set(outcome.path, written);
  }
  // An error leaves the file as it was, with nothing written beside it.
  if (text === undefined && sideFiles.size === 0) return undefined;
  return { text: text === undefined ? normalizeText(task.source) : text, sideFiles };
}

/** Keeps the results of the run's tasks as they complete; `output` is what the last tasks read. */
export class RunOutputRecorder {
  private readonly files = new Map<string, MigratedFile>();

  record(task: FileTask, result: FileTaskResult): void {
    const migrated = migratedFileOf(task, result);
    if (migrated) this.files.set(task.path, migrated);
  }

  output(transforms: Transform[]): RunOutput {
    return {
      transforms: transforms.filter((t) => !t.readsRunOutput).map((t) => t.name),
      fileOf: (path) => this.files.get(path),
    };
  }
}
