import type { HumanDuration } from './HumanDuration';

/** How often a task runs: a cron expression, an ISO 8601 duration, a duration object, or manual only. */
export type SchedulerServiceTaskFrequency = { cron: string } | string | HumanDuration | { trigger: 'manual' };

export interface SchedulerServiceTaskScheduleDefinition {
  frequency: SchedulerServiceTaskFrequency;
  /** The longest a run may take; the signal aborts then, and a crashed worker's lock expires then. */
  timeout: string | HumanDuration;
  initialDelay?: string | HumanDuration;
  /** `global`: one run across every instance sharing the database (default); `local`: every instance. */
  scope?: 'global' | 'local';
}

export type SchedulerServiceTaskFunction = (abortSignal: AbortSignal) => void | Promise<void>;

export interface SchedulerServiceTaskInvocationDefinition {
  id: string;
  fn: SchedulerServiceTaskFunction;
  /** Stops scheduling the task when it aborts. */
  signal?: AbortSignal;
}

export interface SchedulerServiceTaskRunner {
  run(task: SchedulerServiceTaskInvocationDefinition): Promise<void>;
}

export interface SchedulerServiceTaskDescriptor {
  id: string;
  scope: 'global' | 'local';
  settings: { version: number } & Record<string, unknown>;
}

/** Recurring background tasks of one plugin. */
export interface SchedulerService {
  scheduleTask(task: SchedulerServiceTaskScheduleDefinition & SchedulerServiceTaskInvocationDefinition): Promise<void>;
  createScheduledTaskRunner(schedule: SchedulerServiceTaskScheduleDefinition): SchedulerServiceTaskRunner;
  /** Runs a task now (if it is not running); throws NotFoundError for an unknown id, ConflictError while it runs. */
  triggerTask(id: string): Promise<void>;
  /**
   * Aborts the task's run in progress (its signal fires) without unscheduling it: the next run comes at the next
   * slot. Throws NotFoundError for an unknown id, ConflictError when no run is in progress.
   */
  cancelTask(id: string): Promise<void>;
  getScheduledTasks(): Promise<SchedulerServiceTaskDescriptor[]>;
}
