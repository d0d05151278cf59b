import type { DepRefs, ResolvedDeps, ServiceFactory } from '../refs/ServiceFactory';
import type { ServiceRef, ServiceScope } from '../refs/ServiceRef';
import type { ExtensionPoint } from '../refs/ExtensionPoint';
import type { BACKEND_FEATURE_TYPE, BACKEND_FEATURE_VERSION } from '../refs/markers';

/** Anything `backend.add()` accepts once unwrapped: a plugin, a module, a service factory or a loader. */
export type BackendFeature = BackendRegistrationFeature | ServiceFactory | BackendFeatureLoader;

export interface InitRegistration {
  /** Service refs; a module may also name extension points of its plugin. */
  deps: { [name: string]: ServiceRef<unknown> | ExtensionPoint<unknown> };
  func(deps: Record<string, unknown>): Promise<void> | void;
}

/**
 * How a plugin or module offers an extension point (Backstage's `v1.1` registration shape): a factory called once
 * per consuming module. `registerExtensionPoint(ref, impl)` records a factory that returns `impl`.
 */
export interface ExtensionPointRegistration {
  extensionPoint: ExtensionPoint<unknown>;
  factory(context: ExtensionPointFactoryContext): unknown;
}

export interface ExtensionPointFactoryContext {
  /** The module the implementation is handed to (Forklift's container passes it; Backstage's does not). */
  moduleId?: string;
  /** Marks the consuming module as failed with this error once its init has returned. */
  reportModuleStartupFailure(options: { error: Error }): void;
}

/** What a plugin feature registers, in Backstage's shape so either family's container accepts it. */
export interface PluginRegistration {
  type: 'plugin-v1.1';
  pluginId: string;
  extensionPoints: ExtensionPointRegistration[];
  init: InitRegistration;
}

export interface ModuleRegistration {
  type: 'module-v1.1';
  pluginId: string;
  moduleId: string;
  extensionPoints: ExtensionPointRegistration[];
  init: InitRegistration;
}

export type Registration = PluginRegistration | ModuleRegistration;

export interface BackendRegistrationFeature {
  readonly $$type: typeof BACKEND_FEATURE_TYPE | '@forklift/BackendFeature';
  readonly version?: typeof BACKEND_FEATURE_VERSION;
  readonly featureType: 'registrations';
  /** What the feature registers; calling it runs the author's `register` and validates the rules. */
  getRegistrations(): Registration[];
  toString(): string;
}

/** A plugin or module in the callable form too: `backend.add(x)` and the early-alpha `backend.add(x())` both work. */
export type CallableBackendFeature = BackendRegistrationFeature & (() => BackendRegistrationFeature);

/** What a loader may produce: features, promises of modules with a default feature, or nested loaders. */
export type FeatureLoaderResult = Iterable<FeatureOrImport> | AsyncIterable<FeatureOrImport> | Promise<Iterable<FeatureOrImport>>;

export type FeatureOrImport = BackendFeature | Promise<{ default: unknown }> | (() => BackendFeature);

export interface BackendFeatureLoader {
  readonly $$type: typeof BACKEND_FEATURE_TYPE | '@forklift/BackendFeature';
  readonly version?: typeof BACKEND_FEATURE_VERSION;
  readonly featureType: 'loader';
  readonly deps: { [name: string]: ServiceRef<unknown, 'root'> };
  loader(deps: Record<string, unknown>): FeatureLoaderResult;
  /** Where the loader was created, so failures can say which one. */
  readonly description: string;
}

export interface RegisterInitOptions<TDeps extends DepRefs> {
  deps: TDeps;
  init(deps: ResolvedDeps<TDeps>): Promise<void> | void;
}

export interface BackendPluginRegistrationPoints {
  registerExtensionPoint<TExtension>(ref: ExtensionPoint<TExtension>, impl: TExtension): void;
  registerExtensionPoint<TExtension>(options: {
    extensionPoint: ExtensionPoint<TExtension>;
    factory(context: ExtensionPointFactoryContext): TExtension;
  }): void;
  registerInit<TDeps extends DepRefs>(options: RegisterInitOptions<TDeps>): void;
}

export interface BackendModuleRegistrationPoints {
  registerExtensionPoint<TExtension>(ref: ExtensionPoint<TExtension>, impl: TExtension): void;
  registerExtensionPoint<TExtension>(options: {
    extensionPoint: ExtensionPoint<TExtension>;
    factory(context: ExtensionPointFactoryContext): TExtension;
  }): void;
  registerInit<TDeps extends { [name: string]: ServiceRef<unknown> | ExtensionPoint<unknown> }>(options: {
    deps: TDeps;
    init(deps: {
      [K in keyof TDeps]: TDeps[K] extends ServiceRef<infer S, ServiceScope, 'multiton'>
        ? S[]
        : TDeps[K] extends ServiceRef<infer S>
          ? S
          : TDeps[K] extends ExtensionPoint<infer E>
            ? E
            : never;
    }): Promise<void> | void;
  }): void;
}
