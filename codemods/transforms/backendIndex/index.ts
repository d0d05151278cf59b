/**
 * `backend-index`: a legacy backend index (`makeCreateEnv`, `useHotMemoize`, `createServiceBuilder`)
 * becomes a `createBackend()` backend that adds each plugin, bridged with `legacyPlugin` until the plugin
 * itself is migrated. What it cannot do safely it leaves in place under a `// TODO(forklift):` comment.
 */
import type { namedTypes } from 'ast-types';
import { detectImportFamily } from '../shared/importFamily';
import { jscodeshiftFor, parseForReading, parserForPath } from '../shared/parser';
import type { FileOutcome, Transform, TransformContext, TransformResult } from '../types';
import { missingLegacyPluginStep } from './backstageApis';
import { emitIndex } from './emit';
import { readLegacyIndex } from './readIndex';
import { builderCallOffsets } from './legacyShapes';
import { detectStyle } from './style';
import { TODO_PREFIX, todoBlock } from './todo';

const STANDALONE_SERVER_MESSAGE =
  "a plugin package's standalone dev server, not the backend: other code imports its start function, so it is " +
  'left as is; replace it with a dev/index.ts that runs createBackend() with the plugin when the plugin is migrated';

/**
 * Plugin packages often carry `src/service/standaloneServer.ts`, a dev server built with
 * createServiceBuilder. Rewriting it into a backend that starts on import would break its callers.
 */
function isPluginDevServer(path: string, context: TransformContext): boolean {
  if (/(^|\/)standaloneServer\.[cm]?[jt]sx?$/.test(path)) return true;
  const owner = ownerPackage(path, context);
  return owner?.role === 'backend-plugin' || owner?.role === 'backend-plugin-module';
}

function ownerPackage(path: string, context: TransformContext) {
  return context.facts.packages.filter((p) => p.dir === '' || path.startsWith(`${p.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0];
}

/**
 * The error for an index whose mounts cannot all be carried: one line naming each blocked mount and what
 * blocks it, at the line of the first. The file is left as it was.
 */
export class BlockedMountsError extends Error {
  readonly loc: { line: number };
  constructor(blocked: Array<{ mounts: string[]; message: string; line: number }>) {
    const list = blocked.map((b) => `${b.mounts.join(', ')} (line ${b.line}): ${b.message}`).join(' | ');
    const count = blocked.reduce((n, b) => n + b.mounts.length, 0);
    super(
      `${count} legacy plugin mount${count === 1 ? '' : 's'} cannot be carried, so the index was left as it was ` +
        `(--partial writes it with ${count === 1 ? 'it' : 'them'} kept as commented lines under TODOs): ${list}`,
    );
    this.name = 'BlockedMountsError';
    this.loc = { line: blocked[0]?.line ?? 1 };
  }
}

/**
 * The legacy index left as it is, with the step that says why at its first statement (once: a rerun finds it
 * there and changes nothing).
 */
function keptWithStep(file: { path: string; source: string }, program: namedTypes.Program, step: string): TransformResult {
  const line = `// ${TODO_PREFIX} ${step}`;
  if (file.source.includes(line)) return { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
  const at = (program.body[0] as unknown as { start?: number } | undefined)?.start ?? 0;
  const source = `${file.source.slice(0, at)}${todoBlock(step)}\n${file.source.slice(at)}`;
  const stepLine = source.slice(0, at).split('\n').length;
  return { files: [{ path: file.path, status: 'ok', source }], manualSteps: [{ path: file.path, line: stepLine, message: step }] };
}

const LOOKS_LIKE_BACKEND = /\bcreateServiceBuilder\s*\(|\bcreateBackend\s*\(/;

export const backendIndexTransform: Transform = {
  name: 'backend-index',
  matches: (file) => LOOKS_LIKE_BACKEND.test(file.source),
  apply(file, context): TransformResult {
    const parser = parserForPath(file.path) ?? 'ts';
    // The new index is written as text (see emit.ts), so the file is only read: no recast bookkeeping needed.
    const j = jscodeshiftFor(parser);
    const root = j(parseForReading(file.source, parser));
    const unmodified: TransformResult = { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
    const family = context.target ?? detectImportFamily(file.source) ?? 'backstage';
    if (builderCallOffsets(root.get().node).length === 0) return unmodified;
    if (isPluginDevServer(file.path, context)) {
      return {
        files: [{ path: file.path, status: 'skipped', message: STANDALONE_SERVER_MESSAGE }],
        manualSteps: [],
      };
    }
    const index = readLegacyIndex(j, root, file.source, file.path, context, family);
    if (!index) return unmodified;
    const blocked = index.items.filter((i): i is Extract<typeof i, { kind: 'blocked' }> => i.kind === 'blocked');
    if (blocked.length > 0 && !context.partial) throw new BlockedMountsError(blocked);
    const versions = context.facts.versions?.packages;
    const bridges = index.items.some((i) => i.kind === 'mount' && i.plan.kind === 'legacy');
    const noLegacyPlugin = family === 'backstage' && bridges ? missingLegacyPluginStep(versions) : undefined;
    if (noLegacyPlugin) return keptWithStep(file, root.find(j.Program).get().node as namedTypes.Program, noLegacyPlugin);
    const { text, manualSteps } = emitIndex({
      source: file.source,
      program: root.find(j.Program).get().node as namedTypes.Program,
      index,
      style: detectStyle(file.source),
      family,
      typed: parser !== 'babel',
      path: file.path,
      envFields: index.envFields,
      partial: context.partial,
      versions,
    });
    const deleted = new Set<string>();
    for (const item of index.items) {
      if (item.kind !== 'mount') continue;
      const plan = item.plan;
      if (plan.kind === 'package') deleted.add(plan.deletePath);
    }
    const files: FileOutcome[] = [
      { path: file.path, status: 'ok', source: text },
      ...[...deleted].map((path) => ({ path, status: 'deleted' as const })),
    ];
    return { files, manualSteps };
  },
};

/** The index's code style, for other commands that edit a backend index in place (`forklift adopt`). */
export { callStatement, detectStyle, namedImport, quoted, statement, type CodeStyle } from './style';
/** The one native-swap decision, which `forklift adopt` takes its final say (and the native entry) from. */
export { decideNativeSwap } from './nativeSwap';
