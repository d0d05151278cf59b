/** `forklift plan`: what is legacy, bridged or migrated, and what migrate would do. */
export { plan } from './plan';
export type { BackendPlan, MigrationPlan, PlanStatus, PluginPlan } from './plan';
export { renderPlan } from './render';
