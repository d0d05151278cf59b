import { createServiceFactory } from '../../api';
import type { ServiceFactory, ServiceRef } from '../../api';

/** A service whose every method is a jest mock function, with a factory that provides exactly this instance. */
export type ServiceMock<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> & T[K] : T[K] } & {
  factory: ServiceFactory<T>;
};

/**
 * Builds the `.mock(partial)` form of a mock service: each listed method is a jest.fn(), using the given
 * implementation where `partial` has one. Needs jest (it is the jest-mock form).
 */
export function createServiceMock<T>(ref: ServiceRef<T>, methods: ReadonlyArray<keyof T & string>) {
  return (partial: Partial<T> = {}): ServiceMock<T> => {
    if (typeof jest === 'undefined') {
      throw new Error(
        `mockServices ${ref.id} .mock() creates jest mock functions and only works inside jest; use the plain form outside jest`,
      );
    }
    const mock: Record<string, unknown> = {};
    for (const method of methods) {
      const impl = partial[method];
      mock[method] = typeof impl === 'function' ? jest.fn(impl as (...args: unknown[]) => unknown) : jest.fn();
    }
    for (const [key, value] of Object.entries(partial)) if (!(key in mock)) mock[key] = value;
    const factory = createServiceFactory({
      service: ref as ServiceRef<T>,
      deps: {},
      factory: () => mock as T,
    } as never) as ServiceFactory<T>;
    Object.defineProperty(mock, 'factory', { value: factory, enumerable: false });
    return mock as ServiceMock<T>;
  };
}
