/** Facts about the plugin a service instance belongs to; made per plugin and never overridable. */
export interface PluginMetadataService {
  getId(): string;
}

export interface BackendFeatureMeta {
  pluginId: string;
  modules: Array<{ moduleId: string }>;
}

/** What this backend instance runs. */
export interface RootInstanceMetadataService {
  /** This backend instance's id: the same for its whole lifetime, never used by another instance; treat it as opaque. */
  getId(): string;
  getInstalledPlugins(): Promise<ReadonlyArray<BackendFeatureMeta>>;
}

export interface RootHealthStatus {
  status: number;
  payload?: unknown;
}

/** Liveness and readiness of the whole backend, as served on `/.backstage/health/v1/*`. */
export interface RootHealthService {
  getLiveness(): Promise<RootHealthStatus>;
  getReadiness(): Promise<RootHealthStatus>;
}

/** What the whole system runs, across instances; one instance only knows itself, so this is its own list. */
export interface RootSystemMetadataService {
  getInstalledPlugins(): Promise<ReadonlyArray<{ pluginId: string }>>;
}
