import type { ServiceFactory } from '../api';
import { DependencyGraph } from './DependencyGraph';
import { circularDependency, describeConsumer, ForkliftBackendError, missingDependencies, type Consumer } from './errors';
import type { InstallationPlan } from './installation';
import type { ServiceRegistry } from './ServiceRegistry';

/**
 * Checks the service side of the wiring before anything is created: every dependency of every plugin, module and
 * eagerly created service has a factory (all missing ones reported in one error), root services use root services
 * only, and no services depend on each other in a cycle.
 */
export async function checkWiring(
  registry: ServiceRegistry,
  plan: InstallationPlan,
  eager: ServiceFactory[],
): Promise<ForkliftBackendError[]> {
  const errors: ForkliftBackendError[] = [];
  const check = await registry.checkReachable([
    ...plan.serviceNeeds,
    ...eager.map((f) => ({ consumer: { kind: 'service', ref: String(f.service) } as Consumer, refs: [f.service] })),
  ]);

  // A module can miss services and extension points at once; it gets one line listing both.
  const missing = new Map<string, { consumer: Consumer; refs: string[] }>();
  for (const entry of [...check.missing, ...plan.missingExtensionPoints]) {
    const key = describeConsumer(entry.consumer);
    const existing = missing.get(key);
    if (existing) existing.refs.push(...entry.refs);
    else missing.set(key, { consumer: entry.consumer, refs: [...entry.refs] });
  }
  if (missing.size > 0) errors.push(missingDependencies([...missing.values()]));
  errors.push(...check.errors);

  const cycle = new DependencyGraph([...check.edges].map(([id, deps]) => ({ value: id, provides: [id], consumes: deps }))).findCycle();
  if (cycle) errors.push(circularDependency(cycle.map((id) => `serviceRef{${id}}`)));
  return errors;
}
