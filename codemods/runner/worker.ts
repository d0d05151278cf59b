/**
 * The worker-thread side of the pool: builds one file processor from the run's settings (sent once as
 * workerData) and runs every file task it is given.
 */
import { workerData } from 'node:worker_threads';
import { loadTransforms } from './loadTransforms';
import { createFileProcessor, type FileProcessor } from './processFile';
import type { FileTask, FileTaskResult } from './types';
import type { WorkerSettings } from './pool';

let processor: FileProcessor | undefined;

export default function runFileTask(task: FileTask): FileTaskResult {
  if (!processor) {
    const settings = workerData as WorkerSettings;
    processor = createFileProcessor({
      root: settings.root,
      facts: settings.facts,
      target: settings.target,
      transforms: loadTransforms(settings.transformsModule, settings.only),
      snapshot: settings.snapshot,
    });
  }
  return processor(task);
}
