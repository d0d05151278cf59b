/** `core.scheduler`: recurring tasks per plugin, global ones coordinated through the plugin's database. */
export { schedulerServiceFactory } from './schedulerServiceFactory';
export { DefaultSchedulerService } from './DefaultSchedulerService';
export type { SchedulerOptions } from './DefaultSchedulerService';
