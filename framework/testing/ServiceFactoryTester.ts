import type { ServiceFactory, ServiceRef } from '../api';
import { ServiceRegistry } from '../wiring';
import { testServiceFactories } from './testServiceFactories';

export interface ServiceFactoryTesterOptions {
  /** Factories for the subject's dependencies; they replace the test defaults with the same id. */
  dependencies?: ServiceFactory[];
}

/**
 * Creates a service from its factory the way a backend would (root context once, one instance per plugin),
 * without starting a backend. Dependencies come from the test defaults unless given.
 */
export class ServiceFactoryTester<TService> {
  readonly #subject: ServiceFactory<TService>;
  readonly #registry: ServiceRegistry;

  static from<TService>(subject: ServiceFactory<TService>, options: ServiceFactoryTesterOptions = {}): ServiceFactoryTester<TService> {
    return new ServiceFactoryTester(subject, options);
  }

  private constructor(subject: ServiceFactory<TService>, options: ServiceFactoryTesterOptions) {
    const replaced = new Set((options.dependencies ?? []).map((f) => f.service.id));
    replaced.add(subject.service.id);
    const defaults = testServiceFactories().filter((f) => !replaced.has(f.service.id));
    this.#registry = new ServiceRegistry([...defaults, ...(options.dependencies ?? [])]);
    this.#registry.add(subject as ServiceFactory, 'ServiceFactoryTester.from()');
    this.#subject = subject;
  }

  /** The subject's instance for a plugin (`test` unless given); root services ignore the plugin id. */
  getSubject(pluginId = 'test'): Promise<TService> {
    return this.getService(this.#subject.service, pluginId);
  }

  /** Any service as the subject would see it for that plugin. */
  getService<T>(ref: ServiceRef<T>, pluginId = 'test'): Promise<T> {
    return this.#registry.get(ref, ref.scope === 'root' ? undefined : pluginId);
  }
}
