/**
 * The worker-thread side of the pool. The transforms load as soon as the worker starts (while the main
 * thread is still analysing the repository); the analysis arrives once over the run's BroadcastChannel.
 */
import { BroadcastChannel, workerData } from 'node:worker_threads';
import { loadTransforms } from './loadTransforms';
import { createFileProcessor, type FileProcessor } from './processFile';
import { READY, type RunData, type WorkerSettings } from './pool';
import type { FileTask, FileTaskResult } from './types';

const settings = workerData as WorkerSettings;
const transforms = loadTransforms(settings.transformsModule, settings.only);

const runData = new Promise<RunData>((resolve) => {
  const channel = new BroadcastChannel(settings.channel);
  channel.onmessage = (event: unknown) => {
    const message = (event as { data?: RunData }).data;
    if (message && typeof message === 'object' && 'facts' in message) {
      channel.close();
      resolve(message);
    }
  };
  channel.postMessage(READY);
});

let processor: FileProcessor | undefined;

export default async function runFileTask(task: FileTask): Promise<FileTaskResult> {
  if (!processor) {
    const data = await runData;
    processor = createFileProcessor({
      root: settings.root,
      facts: data.facts,
      target: settings.target,
      partial: settings.partial,
      transforms,
      snapshot: data.snapshot,
    });
  }
  return processor(task);
}
