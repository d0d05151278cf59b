/**
 * `forklift adopt <id...>`: moves bridged plugins to their native form, one line of the backend index each,
 * and deletes the bridge file once nothing imports it; `--undo` takes the step back from git history. It
 * changes nothing unless every named plugin can move without changing behaviour, and it writes through the
 * runner (clean-tree guard, parse check, atomic writes, `--dry`).
 */
import path from 'node:path';
import { ErrorCodes, messageOf } from '../../framework/wiring';
import { analyzeRepository, resolveRelativeImport, type RepositoryAnalysis } from '../analysis';
import { applyChanges, UsageError, type FileChange, type MigrationReport } from '../runner';
import { detectImportFamily } from '../transforms/shared/importFamily';
import { LEGACY_AUTH_MODULE, readBackendLines, type BackendLine } from './backendLines';
import { findBridgedState } from './history';
import { pluginJourneys, type LocatedJourney, type PluginState } from './journey';
import { applyEdits, bridgeLineFor, indentOf, nativeLinesFor, reconcileLegacyImport, removeLine, type TextEdit } from './rewriteIndex';

export interface AdoptOptions {
  dir: string;
  /** Plugin ids to move. */
  ids: string[];
  /** Also every plugin that is `ready`. */
  allReady?: boolean;
  /** Take the step back: native -> bridged. */
  undo?: boolean;
  dry?: boolean;
  diff?: boolean;
  /** Run on a dirty git tree. */
  force?: boolean;
}

export type AdoptOutcome = 'adopted' | 'restored' | 'unchanged' | 'refused';

export interface AdoptedPlugin {
  id: string;
  outcome: AdoptOutcome;
  /** The state before the run, and after it (the same when unchanged or refused). */
  from?: PluginState;
  to?: PluginState;
  /** One line per reason, for `refused`; what happened otherwise. */
  reasons: string[];
}

export interface AdoptReport extends MigrationReport {
  plugins: AdoptedPlugin[];
}

/** 2 when anything was refused (then nothing was written), else 0. */
export function adoptExitCode(report: AdoptReport): 0 | 2 {
  return report.plugins.some((p) => p.outcome === 'refused') ? 2 : 0;
}

interface Step {
  journey: LocatedJourney;
  plugin: AdoptedPlugin;
  /** Edits to the journey's backend index. */
  edits: TextEdit[];
  /** Imported names to add to, and drop from, the legacy import once the edits are made. */
  imports: { add: string[]; dropUnused: string[]; module?: string };
  /** The bridge file: deleted (adopt, when nothing else imports it) or recreated (undo). */
  bridge?: { path: string; text: string | undefined };
}

function refused(id: string, reasons: string[], from?: PluginState): AdoptedPlugin {
  return { id, outcome: 'refused', from, to: from, reasons };
}

function planAdopt(analysis: RepositoryAnalysis, journey: LocatedJourney): Step | AdoptedPlugin {
  const { id } = journey;
  if (journey.state === 'native') return { id, outcome: 'unchanged', from: 'native', to: 'native', reasons: [`${id} is already native`] };
  if (journey.state === 'legacy') {
    return refused(id, [`${id} is still mounted by the legacy index ${journey.backend}: run forklift migrate first`], 'legacy');
  }
  if (journey.state === 'bridged')
    return refused(
      id,
      journey.blockers.map((b) => `${b.kind}: ${b.message}`),
      'bridged',
    );
  const line = journey.line as Extract<BackendLine, { kind: 'bridge' }>;
  const source = analysis.reader.read(journey.backend) ?? '';
  const keepOpen = detectImportFamily(source) === 'forklift';
  const entry = journey.native!.entry;
  return {
    journey,
    plugin: {
      id,
      outcome: 'adopted',
      from: 'ready',
      to: 'native',
      reasons: [
        `${id} now runs as the native plugin of ${entry}` +
          (keepOpen ? `; ${LEGACY_AUTH_MODULE}('${id}') keeps its routes as open as the bridge kept them (backend.legacy.auth)` : ''),
      ],
    },
    edits: [nativeLinesFor(source, line, entry, keepOpen)],
    imports: { add: keepOpen ? [LEGACY_AUTH_MODULE] : [], dropUnused: [line.factory] },
    bridge: journey.bridgeFile ? { path: journey.bridgeFile, text: undefined } : undefined,
  };
}

function planUndo(analysis: RepositoryAnalysis, journey: LocatedJourney): Step | AdoptedPlugin {
  const { id } = journey;
  if (journey.state === 'bridged' || journey.state === 'ready') {
    return { id, outcome: 'unchanged', from: journey.state, to: journey.state, reasons: [`${id} already runs through the bridge`] };
  }
  if (journey.state === 'legacy')
    return refused(id, [`${id} is still mounted by the legacy index ${journey.backend}; there is no step to undo`], 'legacy');
  const state = findBridgedState(analysis.root, journey.backend, id);
  if (!state) {
    return refused(
      id,
      [
        `no commit of ${journey.backend} adds ${id} through the bridge; --undo restores the bridged text from git history, so run it in the repository adopt was run in`,
      ],
      'native',
    );
  }
  const bridgePath = resolveRelativeImport(journey.backend, state.line.specifier, (p) => state.readFile(p) !== undefined);
  const bridgeText = bridgePath ? state.readFile(bridgePath) : undefined;
  const edits: TextEdit[] = [bridgeLineFor(journey.line!, { text: state.line.text, indent: indentOf(state.indexText, state.line) })];
  if (journey.authLine) edits.push(removeLine(journey.authLine));
  const importedFrom = readBackendLines(journey.backend, state.indexText).imports.find((i) => i.names.includes(state.line.factory))?.from;
  return {
    journey,
    plugin: {
      id,
      outcome: 'restored',
      from: 'native',
      to: 'ready',
      reasons: [`${id} runs through the bridge again, as in commit ${state.commit.slice(0, 12)}`],
    },
    edits,
    imports: { add: importedFrom ? [state.line.factory] : [], dropUnused: [LEGACY_AUTH_MODULE], module: importedFrom },
    bridge:
      bridgePath && bridgeText !== undefined && !analysis.reader.exists(bridgePath) ? { path: bridgePath, text: bridgeText } : undefined,
  };
}

const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*)\1/gm;

/** The files (other than the given texts' own) that import `target`. */
function importersOf(analysis: RepositoryAnalysis, target: string, replaced: Map<string, string>): string[] {
  const importers: string[] = [];
  for (const entry of analysis.files) {
    if (entry.kind !== 'source' || entry.path === target) continue;
    const text = replaced.get(entry.path) ?? analysis.reader.read(entry.path) ?? '';
    if (!text.includes('./')) continue;
    for (const match of text.matchAll(SPECIFIERS)) {
      if (resolveRelativeImport(entry.path, match[2], (p) => analysis.reader.exists(p)) === target) {
        importers.push(entry.path);
        break;
      }
    }
  }
  return importers;
}

function changesOf(analysis: RepositoryAnalysis, steps: Step[], undo: boolean): FileChange[] {
  const byIndex = new Map<string, Step[]>();
  for (const step of steps) byIndex.set(step.journey.backend, [...(byIndex.get(step.journey.backend) ?? []), step]);
  const newTexts = new Map<string, string>();
  const changes: FileChange[] = [];
  for (const [index, group] of byIndex) {
    let text = applyEdits(
      analysis.reader.read(index) ?? '',
      group.flatMap((s) => s.edits),
    );
    text = reconcileLegacyImport(index, text, {
      add: group.flatMap((s) => s.imports.add),
      dropUnused: group.flatMap((s) => s.imports.dropUnused),
      module: group.find((s) => s.imports.module)?.imports.module,
    });
    newTexts.set(index, text);
    changes.push({ path: index, after: text, by: `adopt${undo ? ' --undo' : ''} ${group.map((s) => s.plugin.id).join(' ')}` });
  }
  for (const step of steps) {
    if (!step.bridge) continue;
    const by = `adopt${undo ? ' --undo' : ''} ${step.plugin.id}`;
    if (step.bridge.text !== undefined) {
      changes.push({ path: step.bridge.path, after: step.bridge.text, by });
      continue;
    }
    const importers = importersOf(analysis, step.bridge.path, newTexts);
    if (importers.length === 0) changes.push({ path: step.bridge.path, after: undefined, by });
    else step.plugin.reasons.push(`${step.bridge.path} is kept: ${importers.join(', ')} still import${importers.length > 1 ? '' : 's'} it`);
  }
  return changes;
}

export async function adopt(options: AdoptOptions): Promise<AdoptReport> {
  if (options.ids.length === 0 && !options.allReady) {
    throw new UsageError(ErrorCodes.FORKLIFT_NO_PLUGINS, 'name the plugin ids to adopt (forklift adopt todo settings) or pass --all-ready');
  }
  if (options.undo && options.allReady) throw new UsageError(ErrorCodes.FORKLIFT_BAD_FLAGS, '--undo takes plugin ids, not --all-ready');
  let analysis: RepositoryAnalysis;
  try {
    analysis = analyzeRepository(path.resolve(options.dir));
  } catch (error) {
    throw new UsageError(ErrorCodes.FORKLIFT_ANALYSIS_FAILED, messageOf(error));
  }
  const journeys = pluginJourneys(analysis).filter((j) => j.state === 'legacy' || j.line);
  const ids = [...new Set([...options.ids, ...(options.allReady ? journeys.filter((j) => j.state === 'ready').map((j) => j.id) : [])])];

  const plugins: AdoptedPlugin[] = [];
  const steps: Step[] = [];
  for (const id of ids) {
    const found = journeys.filter((j) => j.id === id);
    if (found.length === 0) {
      const known = [...new Set(journeys.map((j) => j.id))].sort();
      plugins.push(
        refused(id, [`no backend of ${options.dir} runs a plugin '${id}'${known.length ? ` (plugins: ${known.join(', ')})` : ''}`]),
      );
      continue;
    }
    for (const journey of found) {
      const planned = options.undo ? planUndo(analysis, journey) : planAdopt(analysis, journey);
      if ('journey' in planned) {
        steps.push(planned);
        plugins.push(planned.plugin);
      } else {
        plugins.push(planned);
      }
    }
  }
  if (plugins.some((p) => p.outcome === 'refused')) {
    // All or nothing: a refused plugin leaves the others as they are too, so the run can be fixed and repeated.
    for (const p of plugins) {
      if (p.outcome === 'adopted' || p.outcome === 'restored') {
        Object.assign(p, { outcome: 'unchanged', to: p.from, reasons: ['left as it is: another plugin of this run was refused'] });
      }
    }
    const empty: MigrationReport = {
      files: [],
      summary: { ok: 0, unmodified: 0, skipped: 0, errors: 0, created: 0, deleted: 0 },
      manualSteps: [],
    };
    return { plugins, ...empty };
  }
  const report = applyChanges(options.dir, changesOf(analysis, steps, !!options.undo), options);
  return { plugins, ...report };
}
