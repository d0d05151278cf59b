/**
 * Runs file tasks either on a piscina worker pool sized to the machine or in-process for small runs (a
 * pool's start-up costs more than it saves on a few dozen files). The pool is started before the
 * repository analysis, so workers load the transforms while the main thread analyses; the analysis (the
 * facts and the starting snapshot) then reaches every worker once, over a BroadcastChannel. Results are
 * delivered as they complete.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import Piscina from 'piscina';
import type { ImportFamily } from '../transforms/shared/importFamily';
import type { RepoFacts } from '../transforms/types';
import { loadTransforms } from './loadTransforms';
import { createFileProcessor } from './processFile';
import type { FileTask, FileTaskResult } from './types';

/** What every worker needs from the start: enough to load the transforms. */
export interface WorkerSettings {
  root: string;
  target?: ImportFamily;
  only?: string[];
  transformsModule?: string;
  /** The BroadcastChannel the run's data arrives on. */
  channel: string;
}

/** What the analysis produces, sent to the workers once it is known. */
export interface RunData {
  facts: RepoFacts;
  /** See ProcessorConfig.snapshot. */
  snapshot?: Record<string, string>;
}

/** Workers ask with this message; the main thread answers with the RunData once it has it. */
export const READY = 'forklift-worker-ready';

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

export interface TaskRunner {
  /** Hands the analysis to the workers; call once, before `run`. */
  provide(data: RunData): void;
  /** Runs every task, calling `onResult` as each completes; resolves when all are done. */
  run(tasks: FileTask[], onResult: ResultHandler): Promise<void>;
  close(): Promise<void>;
}

function inProcessRunner(settings: Omit<WorkerSettings, 'channel'>): TaskRunner {
  let data: RunData | undefined;
  return {
    provide(d) {
      data = d;
    },
    async run(tasks, onResult) {
      if (tasks.length === 0) return;
      if (!data) throw new Error('forklift internal error: the task runner ran before the analysis was provided');
      const processor = createFileProcessor({
        root: settings.root,
        facts: data.facts,
        target: settings.target,
        transforms: loadTransforms(settings.transformsModule, settings.only),
        snapshot: data.snapshot,
      });
      for (const task of tasks) onResult(task, processor(task));
    },
    async close() {},
  };
}

function poolRunner(settings: Omit<WorkerSettings, 'channel'>, threads: number): TaskRunner {
  const name = `forklift-run-${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
  const channel = new BroadcastChannel(name);
  channel.unref();
  let data: RunData | undefined;
  channel.onmessage = (event: unknown) => {
    // A worker that subscribed after the data went out asks again.
    if ((event as { data?: unknown }).data === READY && data) channel.postMessage(data);
  };
  const workerData: WorkerSettings = { ...settings, channel: name };
  const pool = new Piscina({ filename: workerFilename(), workerData, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  return {
    provide(d) {
      data = d;
      channel.postMessage(d);
    },
    async run(tasks, onResult) {
      await Promise.all(tasks.map((task) => pool.run(task).then((result: FileTaskResult) => onResult(task, result))));
    },
    async close() {
      channel.close();
      await pool.destroy();
    },
  };
}

/** A pool of `threads` workers (starting now), or the in-process runner when `threads` is 0. */
export function startTaskRunner(settings: Omit<WorkerSettings, 'channel'>, threads: number): TaskRunner {
  return threads === 0 ? inProcessRunner(settings) : poolRunner(settings, threads);
}
