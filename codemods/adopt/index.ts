/** `forklift adopt` and the plugin journeys `forklift plan` shows: legacy -> bridged -> ready -> native. */
export { adopt, adoptExitCode } from './adopt';
export type { AdoptedPlugin, AdoptOptions, AdoptOutcome, AdoptReport } from './adopt';
export { pluginJourneys } from './journey';
export type { Blocker, BlockerKind, PluginJourney, PluginState } from './journey';
export { renderAdopt, refusalLines } from './render';
