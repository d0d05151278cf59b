/**
 * The body of the new index: `const backend = createBackend()`, one `backend.add(...)` per carried plugin in
 * mount order (with the manual steps each still needs, grouped by shape), the kept code under TODOs, and
 * `backend.start()`. Blank lines go around TODO blocks only, the way a person would space it.
 */
import type { ImportFamily } from '../shared/importFamily';
import type { FactoryCall, MountPlan } from './mountPlan';
import type { BodyItem } from './bodyItems';
import { accessGates } from './middleware';
import { legacyAuthModuleCall, openAccessCall } from './openAccess';
import { callStatement, quoted, reindent, statement, type CodeStyle } from './style';
import { todoBlock } from './todo';

export interface MainBodyOptions {
  style: CodeStyle;
  family: ImportFamily;
  typed: boolean;
  partial: boolean;
  /** Backstage family: add the open-access module after each bridged plugin (false: its version has no addAuthPolicy). */
  openAccess: boolean;
}

type Chunk = { todo: boolean; text: string };

/**
 * The text, the ids of the plugins it opens to unauthenticated callers with the index's own helper (backstage
 * family), and those of native plugins kept open by the bridge's `legacyAuthModule` (forklift family).
 */
export function mainBodyText(
  items: readonly BodyItem[],
  options: MainBodyOptions,
): { text: string; openIds: string[]; legacyAuthIds: string[] } {
  const { style } = options;
  const groups = groupNotes(items);
  const chunks: Chunk[] = [{ todo: false, text: statement(style, 'const backend = createBackend()') }];
  const openIds: string[] = [];
  const legacyAuthIds: string[] = [];
  items.forEach((item, at) => {
    if (item.kind === 'todo') {
      chunks.push({ todo: true, text: todoBlock(item.message, item.kept) });
      return;
    }
    if (item.kind === 'blocked') {
      chunks.push({
        todo: true,
        text: todoBlock(`${item.mounts.join(', ')} (line ${item.line}) cannot be carried: ${item.message}`, item.kept),
      });
      return;
    }
    const { plan } = item;
    const notes = [...groups]
      .filter(([, group]) => group.first === at)
      .map(([shape, group]) => todoBlock(`${shape} (${group.members.join('; ')})`));
    const comments = item.leadingComments.map((c) => reindent(c, '', '')).join('\n');
    const withComments = (text: string) => (comments ? `${comments}\n${text}` : text);
    const text = planText(plan, options);
    if (text === undefined) return;
    if (plan.kind === 'health') {
      chunks.push({ todo: true, text });
      return;
    }
    let added = withComments(text);
    // A plugin behind an access gate of its own was not open before, so it is not opened now.
    if (accessGates(plan.mount.middleware).length === 0) {
      if (options.family === 'backstage') {
        openIds.push(plan.mount.pluginId);
        if (options.openAccess) added += `\n${openAccessCall(style, plan.mount.pluginId)}`;
      } else if (plan.kind === 'package') {
        legacyAuthIds.push(plan.mount.pluginId);
        added += `\n${legacyAuthModuleCall(style, plan.mount.pluginId)}`;
      }
    }
    // A mount's own steps sit right above it, set off by blank lines like every TODO block.
    chunks.push({ todo: notes.length > 0, text: [...notes, added].join('\n') });
  });
  chunks.push({ todo: false, text: statement(style, 'backend.start()') });
  let text = chunks[0].text;
  for (let i = 1; i < chunks.length; i++) text += (chunks[i].todo || chunks[i - 1].todo ? '\n\n' : '\n') + chunks[i].text;
  return { text, openIds, legacyAuthIds };
}

function planText(plan: MountPlan, options: MainBodyOptions): string | undefined {
  const { style } = options;
  switch (plan.kind) {
    case 'health':
      return todoBlock(
        `the legacy backend answered ${plan.path} from ${plan.source}; that path goes away: ` +
          `the new backend answers /.backstage/health/v1/readiness and /.backstage/health/v1/liveness instead, so point probes and monitors there, ` +
          `or serve ${plan.path} from a module on coreServices.rootHttpRouter (line ${plan.mount.line})`,
      );
    case 'blocked':
      return undefined;
    case 'package':
      return callStatement(style, 'backend.add', `import(${quoted(style, plan.specifier)})`);
    case 'legacy': {
      const loader = loaderText(plan.importSource, plan.call, options);
      const call = `legacyPlugin(${quoted(style, plan.mount.pluginId)}, ${loader})`;
      if (!loader.includes('\n')) return callStatement(style, 'backend.add', call);
      const i1 = style.indent;
      return statement(
        style,
        `backend.add(\n${i1}legacyPlugin(\n${i1}${i1}${quoted(style, plan.mount.pluginId)},\n${i1}${i1}${reindent(loader, '', i1 + i1)},\n${i1}),\n)`,
      );
    }
  }
}

/**
 * `import('./plugins/x')`, or a wrapper around it that calls the factory exactly as the legacy index did:
 * `import('./plugins/x').then(m => ({ default: (env: ...) => m.default(env, extra) }))`.
 */
function loaderText(importSource: string, call: FactoryCall, options: MainBodyOptions): string {
  const { style, typed } = options;
  const load = `import(${quoted(style, importSource)})`;
  const factory = call.exportName === 'default' ? 'm.default' : `m.${call.exportName}`;
  if (!call.args) return call.exportName === 'default' ? load : `${load}.then(m => ({ default: ${factory} }))`;
  const i1 = style.indent;
  const paramType = call.paramType === 'PluginEnvironment' ? 'PluginEnvironment' : `Parameters<typeof ${factory}>[0]`;
  const param = typed ? `(${call.envParam}: ${paramType})` : call.envParam;
  const invoke = `${factory}(${call.args.join(', ')})`;
  const body = call.configVar
    ? `{\n${i1}${i1}${statement(style, `const ${call.configVar} = ${call.envParam}.config`)}\n${i1}${i1}${statement(style, `return ${invoke}`)}\n${i1}}`
    : `\n${i1}${i1}${invoke}`;
  return `${load}.then(m => ({\n${i1}default: ${param} =>${call.configVar ? ' ' : ''}${body},\n}))`;
}

/** Notes of one shape across carried mounts: the first item that has it, and `id: line N` for each. */
function groupNotes(items: readonly BodyItem[]): Map<string, { first: number; members: string[] }> {
  const groups = new Map<string, { first: number; members: string[] }>();
  items.forEach((item, at) => {
    if (item.kind !== 'mount' || item.plan.kind !== 'legacy') return;
    const member = `${item.plan.mount.pluginId}: line ${item.plan.mount.line}`;
    for (const note of item.plan.notes) {
      const group = groups.get(note.shape);
      if (group) group.members.push(member);
      else groups.set(note.shape, { first: at, members: [member] });
    }
  });
  return groups;
}
