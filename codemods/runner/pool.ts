/**
 * Runs file tasks either on a piscina worker pool sized to the machine or in-process for small runs (a
 * pool's start-up costs more than it saves on a few dozen files). Results are delivered as they complete.
 */
import os from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import type { ImportFamily } from '../transforms/shared/importFamily';
import type { RepoFacts } from '../transforms/types';
import { loadTransforms } from './loadTransforms';
import { createFileProcessor } from './processFile';
import type { FileTask, FileTaskResult } from './types';

export interface WorkerSettings {
  root: string;
  facts: RepoFacts;
  target?: ImportFamily;
  only?: string[];
  transformsModule?: string;
  /** See ProcessorConfig.snapshot. */
  snapshot?: Record<string, string>;
}

/** Below this many files that need parsing, the run stays in-process. */
const POOL_THRESHOLD = 64;
/** Each thread should have at least this many files to be worth its start-up. */
const FILES_PER_THREAD = 32;

export function poolSize(taskCount: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  if (taskCount < POOL_THRESHOLD) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.ceil(taskCount / FILES_PER_THREAD)));
}

function workerFilename(): string {
  // Built code ships worker.js next to this file; from sources, a small .js entry registers tsx first.
  return __filename.endsWith('.ts') ? path.join(__dirname, 'workerFromSource.js') : path.join(__dirname, 'worker.js');
}

export type ResultHandler = (task: FileTask, result: FileTaskResult) => void;

/** Runs every task, calling `onResult` as each completes; resolves when all are done. */
export async function runTasks(
  tasks: FileTask[],
  settings: WorkerSettings,
  threads: number,
  onResult: ResultHandler,
): Promise<void> {
  if (tasks.length === 0) return;
  if (threads === 0) {
    const processor = createFileProcessor({
      root: settings.root,
      facts: settings.facts,
      target: settings.target,
      transforms: loadTransforms(settings.transformsModule, settings.only),
      snapshot: settings.snapshot,
    });
    for (const task of tasks) onResult(task, processor(task));
    return;
  }
  const pool = new Piscina({
    filename: workerFilename(),
    workerData: settings,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
  });
  try {
    await Promise.all(
      tasks.map((task) => pool.run(task).then((result: FileTaskResult) => onResult(task, result))),
    );
  } finally {
    await pool.destroy();
  }
}
