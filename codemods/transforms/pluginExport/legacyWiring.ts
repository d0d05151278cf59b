/**
 * What the legacy wiring passed a package's `createRouter` that no core service provides (`badgeFactories:
 * createDefaultBadgeFactories()` in `packages/backend/src/plugins/badges.ts`), so the new plugin keeps it. The
 * backend plugin files come from the analysis (`facts.legacyPluginFiles`). An option is carried when every call
 * site passes the same expression and it depends on nothing but imports (rewritten to resolve from the plugin
 * package) and env fields the new plugin gets as services (`legacyEnvValue`, the same mapping `legacyPlugin`
 * uses); otherwise the option gets a TODO naming it and where it was set.
 */
import { packageOf } from '../../analysis/localPluginFile';
import { freeIdentifiers, GLOBAL_NAMES } from '../backendIndex/identifiers';
import type { ImportFamily } from '../shared/importFamily';
import { legacyEnvValue, type LegacyEnvValue } from '../shared/legacyEnv';
import { jscodeshiftFor, parseForReading, parserForPath } from '../shared/parser';
import { indentAt, lineAt, relativeSpecifier, spliceAll } from '../shared/source';
import type { LooseNode } from '../shared/ast';
import type { TransformContext } from '../types';
import { fileDeclaringExport } from './exportedFrom';
import type { PluginPackage } from './pluginIdentity';

/** An import the carried expression needs in the plugin file. */
export interface CarriedImport {
  local: string;
  /** `default`, `*` (namespace) or the exported name. */
  imported: string;
  specifier: string;
}

/** An env field the carried expression reads, as the dep the plugin gets it from. */
interface CarriedEnvField {
  /** The name the expression uses in the plugin (the field's name, `config`). */
  name: string;
  value: LegacyEnvValue;
}

export type WiredOption =
  /** `text`: the expression rewritten for the plugin's init; continuation lines are indented relative to its first. */
  { kind: 'carried'; text: string; imports: CarriedImport[]; envFields: CarriedEnvField[] } | { kind: 'todo'; message: string };

interface CallSite {
  path: string;
  line: number;
  /** The options object's properties by name, with the text each passed; undefined when the options cannot be read. */
  options?: Map<string, { node: LooseNode; text: string }>;
  /** Spreads in the options (`...env`), as written. */
  spreads: string[];
  unreadable?: string;
  source: string;
  envName?: string;
  destructured: Map<string, string>;
  imports: Map<string, { imported: string; specifier: string }>;
}

export interface WiringInput {
  pkg: PluginPackage;
  /** The package entry (`plugins/badges-backend/src/index.ts`) and the plugin file being written next to it. */
  entryPath: string;
  pluginPath: string;
  family: ImportFamily;
  context: TransformContext;
}

/** The legacy call sites of the package's createRouter; empty when no legacy backend of the repository mounts it. */
export function legacyCallSites(input: WiringInput): CallSite[] {
  const files = input.context.facts.legacyPluginFiles?.[input.pkg.name] ?? [];
  return files.flatMap((path) => callSitesIn(path, input));
}

/** What the legacy wiring passed for `field`, judged for the plugin; undefined when no call site passed it. */
export function wiredOption(
  field: string,
  sites: readonly CallSite[],
  input: WiringInput,
  taken: ReadonlyMap<string, string>,
): WiredOption | undefined {
  if (sites.length === 0) return undefined;
  const where = (site: CallSite) => `${site.path}:${site.line}`;
  const unreadable = sites.filter((s) => !s.options || (!s.options.has(field) && s.spreads.length > 0));
  if (unreadable.length > 0) {
    const site = unreadable[0];
    const what = site.unreadable ?? `spreads \`${site.spreads.join('`, `')}\` into its options`;
    return {
      kind: 'todo',
      message: `the legacy wiring (${where(site)}) ${what}, so forklift cannot tell whether it set \`${field}\`; if it did, pass the same value to createRouter here.`,
    };
  }
  const setting = sites.filter((s) => s.options!.has(field));
  if (setting.length === 0) return undefined;
  const judged = setting.map((site) => ({ site, option: judge(field, site, input, taken) }));
  const blocked = judged.find((j) => j.option.kind === 'todo');
  if (blocked) return blocked.option;
  // Carried alike: the same text reading the same imports (the env may have been named or destructured).
  const texts = new Set(judged.map((j) => (j.option.kind === 'carried' ? JSON.stringify([j.option.text, j.option.imports]) : '')));
  if (texts.size > 1 || setting.length < sites.length) {
    const list = sites
      .map((s) => `${where(s)}: ${s.options!.has(field) ? `\`${short(s.options!.get(field)!.text)}\`` : 'not set'}`)
      .join('; ');
    return {
      kind: 'todo',
      message: `the legacy wiring set \`${field}\` differently per backend (${list}); the one plugin serves them all, so choose the value and pass it to createRouter here.`,
    };
  }
  return judged[0].option;
}

function judge(field: string, site: CallSite, input: WiringInput, taken: ReadonlyMap<string, string>): WiredOption {
  const { node, text } = site.options!.get(field)!;
  const cannot = (why: string): WiredOption => ({
    kind: 'todo',
    message: `the legacy wiring set \`${field}\` to \`${short(text)}\` (${site.path}:${lineAt(site.source, node.start)}), which cannot be carried here: ${why}; pass the same value to createRouter here.`,
  });
  const j = jscodeshiftFor(parserForPath(site.path) ?? 'ts');
  const edits = new Map<number, { start: number; end: number; text: string }>();
  const envFields = new Map<string, CarriedEnvField>();
  /** Replaces the span `at` (a read of `env.<envField>`) with the service the plugin gets; the reason when it cannot. */
  const useField = (envField: string, at: LooseNode, shorthandKey?: string): string | undefined => {
    const value = legacyEnvValue(input.family, envField);
    if (!value) return `\`${envField}\` of the legacy env has no service of that shape in the new backend`;
    const owner = taken.get(envField);
    if (owner !== undefined && owner !== value.ref) return `the plugin already has a dep named \`${envField}\` of another service`;
    envFields.set(envField, { name: envField, value });
    const replacement = value.transform ? `${value.transform}(${envField})` : envField;
    const spliced = shorthandKey !== undefined && shorthandKey !== replacement ? `${shorthandKey}: ${replacement}` : replacement;
    edits.set(at.start, { start: at.start - node.start, end: at.end - node.start, text: spliced });
    return undefined;
  };

  const imports: CarriedImport[] = [];
  for (const name of new Set(freeIdentifiers(j, node as never))) {
    const refs = valueReferences(j, node, name);
    if (name === site.envName) {
      // `env.config`: each read of a field of the env becomes that service; the env itself has no counterpart.
      for (const { id, parent } of refs) {
        const member = parent && parent.type === 'MemberExpression' && parent.object === id && !parent.computed ? parent : undefined;
        if (!member || member.property.type !== 'Identifier') return cannot(`it passes the whole legacy env (\`${name}\`)`);
        const problem = useField(member.property.name, member);
        if (problem) return cannot(problem);
      }
      continue;
    }
    const destructuredField = site.destructured.get(name);
    if (destructuredField !== undefined) {
      for (const { id, parent } of refs) {
        const shorthand = parent?.type === 'ObjectProperty' && parent.shorthand ? name : undefined;
        const problem = useField(destructuredField, id, shorthand);
        if (problem) return cannot(problem);
      }
      continue;
    }
    const imported = site.imports.get(name);
    if (imported) {
      const resolved = importForPlugin(name, imported, input);
      if ('why' in resolved) return cannot(resolved.why);
      if (taken.has(name)) return cannot(`the plugin file already uses the name \`${name}\``);
      imports.push(resolved);
      continue;
    }
    if (GLOBAL_NAMES.has(name)) continue;
    return cannot(`it uses \`${name}\`, which that file builds itself`);
  }
  const rewritten = spliceAll(text, [...edits.values()]);
  return { kind: 'carried', text: unindent(rewritten, indentAt(site.source, node.start)), imports, envFields: [...envFields.values()] };
}

/** The identifiers in `node` (itself included) that read the binding `name`, with their parents. */
function valueReferences(
  j: ReturnType<typeof jscodeshiftFor>,
  node: LooseNode,
  name: string,
): Array<{ id: LooseNode; parent?: LooseNode }> {
  if (node.type === 'Identifier') return node.name === name ? [{ id: node }] : [];
  const refs: Array<{ id: LooseNode; parent?: LooseNode }> = [];
  j(node as never)
    .find(j.Identifier, { name })
    .forEach((p) => {
      const id = p.node as LooseNode;
      const parent = p.parentPath?.node as LooseNode | undefined;
      if (
        parent &&
        (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === id &&
        !parent.computed
      )
        return;
      if (parent && parent.type === 'ObjectProperty' && parent.key === id && !parent.computed && !parent.shorthand) return;
      if (parent?.type.startsWith('TS')) return;
      // A shorthand property is visited as its key and its value; one read.
      if (refs.some((r) => r.id.start === id.start)) return;
      refs.push({ id, parent });
    });
  return refs;
}

/** An import of the backend plugin file, as the plugin file inside the package writes it. */
function importForPlugin(
  local: string,
  from: { imported: string; specifier: string },
  input: WiringInput,
): CarriedImport | { why: string } {
  const { specifier, imported } = from;
  if (specifier.startsWith('.')) {
    return { why: `it uses \`${local}\`, imported from a file of the backend (\`${specifier}\`) that the plugin package cannot import` };
  }
  if (packageOf(specifier) !== input.pkg.name) return { local, imported, specifier };
  if (specifier !== input.pkg.name || imported === '*' || imported === 'default') {
    return { why: `it uses \`${local}\` from \`${specifier}\`, which forklift cannot find inside the package` };
  }
  const declaring = fileDeclaringExport(input.entryPath, imported, input.context.readFile);
  if (!declaring) return { why: `it uses \`${imported}\` from ${input.pkg.name}, whose declaration forklift cannot find in the package` };
  return { local, imported, specifier: relativeSpecifier(input.pluginPath, declaring) };
}

/** The createRouter calls of one backend plugin file whose `createRouter` comes from the package. */
function callSitesIn(path: string, input: WiringInput): CallSite[] {
  const source = input.context.readFile(path);
  const parser = parserForPath(path);
  if (source === undefined || !parser) return [];
  let program: LooseNode;
  try {
    program = parseForReading(source, parser).program as LooseNode;
  } catch {
    return [];
  }
  const imports = new Map<string, { imported: string; specifier: string }>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    for (const s of statement.specifiers ?? []) {
      if (s.importKind === 'type') continue;
      const imported =
        s.type === 'ImportDefaultSpecifier'
          ? 'default'
          : s.type === 'ImportNamespaceSpecifier'
            ? '*'
            : (s.imported.name ?? s.imported.value);
      imports.set(s.local.name, { imported, specifier: statement.source.value });
    }
  }
  const routerLocals = [...imports]
    .filter(([, i]) => i.imported === 'createRouter' && packageOf(i.specifier) === input.pkg.name)
    .map(([l]) => l);
  const fn = defaultExportedFunction(program.body);
  if (!fn || routerLocals.length === 0) return [];
  const param = fn.params[0];
  const envName: string | undefined = param?.type === 'Identifier' ? param.name : undefined;
  const destructured = new Map<string, string>();
  if (param?.type === 'ObjectPattern') {
    for (const p of param.properties) {
      if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.value.type === 'Identifier')
        destructured.set(p.value.name, p.key.name);
    }
  }
  const j = jscodeshiftFor(parser);
  const sites: CallSite[] = [];
  // From the function itself: an arrow whose body is the call has no call below its body.
  j(fn as never)
    .find(j.CallExpression)
    .forEach((p) => {
      const call = p.node as LooseNode;
      if (call.callee.type !== 'Identifier' || !routerLocals.includes(call.callee.name)) return;
      const site: CallSite = { path, line: lineAt(source, call.start), spreads: [], source, envName, destructured, imports };
      const arg = call.arguments[0];
      if (!arg || arg.type !== 'ObjectExpression') {
        site.unreadable = `passes createRouter \`${short(arg ? source.slice(arg.start, arg.end) : '')}\` rather than an options object`;
      } else {
        site.options = new Map();
        for (const prop of arg.properties) {
          const key = prop.type === 'ObjectProperty' && !prop.computed ? (prop.key.name ?? prop.key.value) : undefined;
          if (typeof key === 'string') site.options.set(key, { node: prop.value, text: source.slice(prop.value.start, prop.value.end) });
          else site.spreads.push(short(source.slice(prop.start, prop.end)));
        }
      }
      sites.push(site);
    });
  return sites;
}

function defaultExportedFunction(body: LooseNode[]): LooseNode | undefined {
  const isFunction = (n: LooseNode | undefined) => !!n && /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type);
  const exported = body.find((s) => s.type === 'ExportDefaultDeclaration')?.declaration as LooseNode | undefined;
  if (isFunction(exported)) return exported;
  if (exported?.type !== 'Identifier') return undefined;
  for (const s of body) {
    if (s.type === 'FunctionDeclaration' && s.id?.name === exported.name) return s;
    if (s.type === 'VariableDeclaration') {
      const d = s.declarations.find((d: LooseNode) => d.id?.name === exported.name);
      if (d && isFunction(d.init)) return d.init;
    }
  }
  return undefined;
}

/** Continuation lines lose the indentation of the line the expression started on. */
function unindent(text: string, base: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || !line.startsWith(base) ? line : line.slice(base.length)))
    .join('\n');
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/`/g, "'");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
