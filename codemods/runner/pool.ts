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
  /** See TransformContext.partial. */
  partial?: boolean;
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
/** Each worker should have at least this many files to be worth its start-up (about a second of CPU). */
const FILES_PER_THREAD = 64;

export interface PoolPlan {
  /** Worker threads to start; 0 runs everything in-process. */
  threads: number;
  /** The main thread takes tasks too (it is idle otherwise, and warm from the analysis). */
  mainHelps: boolean;
}

/** How to run `taskCount` tasks: `requested` worker threads exactly, or sized to the machine and the work. */
export function poolPlan(taskCount: number, requested?: number): PoolPlan {
  if (requested !== undefined) return { threads: Math.max(0, Math.floor(requested)), mainHelps: false };
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (taskCount < POOL_THRESHOLD || cores < 2) return { threads: 0, mainHelps: false };
  return { threads: Math.max(1, Math.min(cores - 1, Math.ceil(taskCount / FILES_PER_THREAD))), mainHelps: true };
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

function processorFor(settings: Omit<WorkerSettings, 'channel'>, data: RunData | undefined) {
  if (!data) throw new Error('forklift internal error: the task runner ran before the analysis was provided');
  return createFileProcessor({
    root: settings.root,
    facts: data.facts,
    target: settings.target,
    partial: settings.partial,
    transforms: loadTransforms(settings.transformsModule, settings.only),
    snapshot: data.snapshot,
  });
}

function inProcessRunner(settings: Omit<WorkerSettings, 'channel'>): TaskRunner {
  let data: RunData | undefined;
  return {
    provide(d) {
      data = d;
    },
    async run(tasks, onResult) {
      if (tasks.length === 0) return;
      const processor = processorFor(settings, data);
      for (const task of tasks) onResult(task, processor(task));
    },
    async close() {},
  };
}

function poolRunner(settings: Omit<WorkerSettings, 'channel'>, plan: PoolPlan): TaskRunner {
  const name = `forklift-run-${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
  const channel = new BroadcastChannel(name);
  channel.unref();
  let data: RunData | undefined;
  channel.onmessage = (event: unknown) => {
    // A worker that subscribed after the data went out asks again.
    if ((event as { data?: unknown }).data === READY && data) channel.postMessage(data);
  };
  const workerData: WorkerSettings = { ...settings, channel: name };
  const threads = plan.threads;
  const pool = new Piscina({ filename: workerFilename(), workerData, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  return {
    provide(d) {
      data = d;
      channel.postMessage(d);
    },
    run(tasks, onResult) {
      // One shared queue: workers get a couple of tasks each at a time, the main thread takes the rest, so
      // whoever is free takes the next file.
      const queue = [...tasks];
      const mainProcessor = plan.mainHelps ? processorFor(settings, data) : undefined;
      return new Promise<void>((resolve, reject) => {
        let inFlight = 0;
        let mainBusy = mainProcessor !== undefined;
        let failed = false;
        const fail = (error: unknown) => {
          if (failed) return;
          failed = true;
          reject(error);
        };
        const finishIfDone = () => {
          if (!failed && queue.length === 0 && inFlight === 0 && !mainBusy) resolve();
        };
        const pump = () => {
          while (!failed && inFlight < threads * 2 && queue.length > 0) {
            const task = queue.shift()!;
            inFlight += 1;
            pool.run(task).then((result: FileTaskResult) => {
              inFlight -= 1;
              try {
                onResult(task, result);
              } catch (error) {
                fail(error);
              }
              pump();
              finishIfDone();
            }, fail);
          }
        };
        pump();
        const helpFromMain = async () => {
          while (mainProcessor && !failed && queue.length > 0) {
            const task = queue.shift()!;
            onResult(task, mainProcessor(task));
            // Let worker results in between files.
            await new Promise((next) => setImmediate(next));
          }
          mainBusy = false;
          finishIfDone();
        };
        if (mainProcessor) helpFromMain().catch(fail);
        else finishIfDone();
      });
    },
    async close() {
      channel.close();
      await pool.destroy();
    },
  };
}

/** A pool of worker threads (starting now), or the in-process runner when the plan has none. */
export function startTaskRunner(settings: Omit<WorkerSettings, 'channel'>, plan: PoolPlan): TaskRunner {
  return plan.threads === 0 ? inProcessRunner(settings) : poolRunner(settings, plan);
}
