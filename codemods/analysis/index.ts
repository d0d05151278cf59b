/** Repository analysis: which packages are backends and plugins, what is migrated, which id each plugin has. */
export { analyzeRepository, isMigratedPackage } from './repoFacts';
export type { AnalyzeOptions, RepositoryAnalysis, ResolvedMount } from './repoFacts';
export { listRepositoryFiles, FORKLIFT_TEMP_PATTERN } from './files';
export type { RepoEntry, RepoEntryKind } from './files';
export { createSourceReader } from './sourceReader';
export { isScaffolding, SCAFFOLDING_MESSAGE } from './scaffolding';
export type { CachedSourceReader } from './sourceReader';
export { entryExportsNewSystemPlugin } from './migrated';
export { findPackageEntry } from './entry';
export { resolveRelativeImport } from './modulePaths';
export { KNOWN_MIGRATED_PACKAGES } from './knownPackages';
export { findBackendMounts, collectBackendMounts, pluginIdFromPath } from './backendMounts';
export type { BackendMount } from './backendMounts';
export { readLocalPluginFile, packageOf } from './localPluginFile';
export type { LocalPluginFile } from './localPluginFile';
export { whatNativeWouldLose, describeLoss } from './nativeLoss';
export type { LostSetting, LostSettingKind } from './nativeLoss';
export { nativePluginIdOf } from './nativePluginId';
export { readPluginEnvironmentFields, pluginEnvironmentImport } from './pluginEnvironment';
export { nativePluginOf } from './nativePlugin';
export type { NativePlugin } from './nativePlugin';
export { readBridgeFile } from './bridgeFile';
export type { BridgeFile, BridgeFinding, BridgeFindingKind } from './bridgeFile';
export { describeResolved, readResolvedVersions } from './resolvedVersions';
export type { RepoVersions, ResolvedVersion } from './resolvedVersions';
export {
  apiInRepository,
  exportLocationInRepository,
  firstVersionWith,
  importSpecifierFor,
  locateExport,
  pluginApiVersionOf,
  releaseFit,
  versionForRelease,
} from './publishedEntries';
export type { ApiInRepository, ExportLocation, ReleaseFit } from './publishedEntries';
