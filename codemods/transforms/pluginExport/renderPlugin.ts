/**
 * Writes the new `src/plugin.ts`: a `createBackendPlugin` whose deps are the core services the legacy
 * `createRouter` took, laid out the way a person (and prettier) would write it, in the file's own style.
 */
import { OUTPUT_MODULES, type ImportFamily } from '../shared/importFamily';
import { bridgeHelperFor, legacyFieldMapping, legacyServiceRefFor } from '../shared/legacyServices';
import { importStatement, quoted, type CodeStyle } from '../shared/source';
import type { CarriedImport, WiredOption } from './legacyWiring';
import type { RouterInput } from './routerInputs';
import type { RouterTraits } from './routerTraits';

export interface PluginPlan {
  family: ImportFamily;
  style: CodeStyle;
  pluginId: string;
  constName: string;
  /** How plugin.ts imports createRouter (`./service/router`). */
  routerSpecifier: string;
  mode: 'options' | 'positional';
  inputs: RouterInput[];
  traits: RouterTraits;
  /**
   * What the legacy wiring passed for an option no core service provides (legacyWiring.ts), given the names the
   * plugin file already uses (dep name -> its ref); undefined when nothing passed it.
   */
  wired?: (field: string, taken: ReadonlyMap<string, string>) => WiredOption | undefined;
  /** A TODO for the `pluginId` line, when the id was not read from the repository (guessed from the package name). */
  idNote?: string;
}

export interface RenderedPlugin {
  source: string;
  /** TODOs left in the file, with their 1-based lines. */
  todos: Array<{ line: number; message: string }>;
}

const PRINT_WIDTH = 80;

const BUILD_IT_FROM_DEPS = 'build it from the services above and pass it on.';
const BUILD_IT_WITHOUT_DEPS =
  'add the core services it is built from to deps (or give it a service ref with a defaultFactory), build it in init and pass it on.';

export function renderPlugin(plan: PluginPlan): RenderedPlugin {
  const { style } = plan;
  const semi = style.semi ? ';' : '';
  const q = (s: string) => quoted(s, style.quote);
  const at = (level: number) => style.indent.repeat(level);

  /** Dep name -> the ref expression (`coreServices.logger`, `legacyTokenManagerServiceRef`). */
  const deps = new Map<string, string>();
  /** Names imported from the legacy package: adapters and legacy service refs. */
  const helpers = new Set<string>();
  const args: string[] = [];
  const todos: string[] = [];
  /** Options no core service provides, with the slot of `args` their value goes to, once every dep is known. */
  const unprovided: Array<{ input: RouterInput; slot: number; todoAt: number }> = [];

  for (const input of plan.inputs) {
    const mapping = legacyFieldMapping(input.name);
    const legacyRef = plan.family === 'forklift' ? legacyServiceRefFor(input.name, input.typeKey) : undefined;
    if (legacyRef) {
      if (!deps.has(input.name)) deps.set(input.name, legacyRef);
      helpers.add(legacyRef);
      args.push(input.name);
      if (mapping?.kind === 'replaced') {
        todos.push(`\`${input.name}\` (${input.typeText}) comes from the legacy bridge for now; ${mapping.advice}.`);
      }
    } else if (mapping?.kind === 'service') {
      if (!deps.has(input.name)) deps.set(input.name, `coreServices.${mapping.service}`);
      const helper = bridgeHelperFor(mapping.service, input.typeKey);
      if (helper) helpers.add(helper);
      const value = helper ? `${helper}(${input.name})` : input.name;
      args.push(plan.mode === 'positional' || value === input.name ? value : `${input.name}: ${value}`);
    } else if (mapping?.kind === 'replaced') {
      for (const service of mapping.services) if (!deps.has(service)) deps.set(service, `coreServices.${service}`);
      todos.push(`createRouter takes \`${input.name}\` (${input.typeText}); ${mapping.advice}.`);
      if (plan.mode === 'positional') args.push('undefined');
    } else {
      if (plan.mode === 'options') unprovided.push({ input, slot: args.length, todoAt: todos.length });
      if (!input.optional) {
        todos.push(`createRouter needs \`${input.name}\` (${input.typeText}), which no core service provides; ${BUILD_IT_FROM_DEPS}`);
      }
      if (plan.mode === 'positional') args.push('undefined');
    }
  }
  const carriedImports: CarriedImport[] = [];
  const fixedNames = ['createRouter', 'createBackendPlugin', 'coreServices', 'httpRouter', 'env', plan.constName, ...helpers];
  const taken = new Map<string, string>([...fixedNames.map((n): [string, string] => [n, '']), ...deps]);
  // Backwards, so the slots and TODO positions still ahead stay valid while values and TODOs are inserted.
  for (const { input, slot, todoAt } of [...unprovided].reverse()) {
    const wired = plan.wired?.(input.name, taken);
    if (!wired) continue;
    const required = !input.optional;
    if (wired.kind === 'todo') {
      todos.splice(todoAt, required ? 1 : 0, wired.message);
      continue;
    }
    if (required) todos.splice(todoAt, 1);
    for (const field of wired.envFields) {
      if (!deps.has(field.name)) deps.set(field.name, field.value.ref);
      if (field.value.transform) helpers.add(field.value.transform);
      if (field.value.legacyImport) helpers.add(field.value.legacyImport);
    }
    carriedImports.push(...wired.imports);
    args.splice(slot, 0, `${input.name}: ${wired.text}`);
  }
  if (plan.mode === 'positional') {
    while (args.length > 0 && args[args.length - 1] === 'undefined') args.pop();
  }
  // With no service in the deps, "the services above" would point at nothing: say where to build it instead.
  if (deps.size === 0) {
    for (let i = 0; i < todos.length; i++) todos[i] = todos[i].replace(BUILD_IT_FROM_DEPS, BUILD_IT_WITHOUT_DEPS);
  }
  deps.set('httpRouter', 'coreServices.httpRouter');

  const lines: string[] = [];
  const apiNames = [...deps.values()].some((ref) => ref.startsWith('coreServices.'))
    ? ['coreServices', 'createBackendPlugin']
    : ['createBackendPlugin'];
  const modules = OUTPUT_MODULES[plan.family];
  lines.push(importStatement(apiNames, modules.pluginApi, style));
  if (helpers.size > 0) lines.push(importStatement([...helpers].sort(), modules.legacy, style));
  lines.push(...carriedImportLines(carriedImports, plan.routerSpecifier, style));
  lines.push('');
  lines.push(`export const ${plan.constName} = createBackendPlugin({`);
  const idTodo = plan.idNote ? { line: lines.length + 1, message: plan.idNote } : undefined;
  if (idTodo) lines.push(`${at(1)}// TODO(forklift): ${idTodo.message}`);
  lines.push(`${at(1)}pluginId: ${q(plan.pluginId)},`);
  lines.push(`${at(1)}register(env) {`);
  lines.push(`${at(2)}env.registerInit({`);
  lines.push(`${at(3)}deps: {`);
  for (const [key, ref] of deps) lines.push(`${at(4)}${key}: ${ref},`);
  lines.push(`${at(3)}},`);
  const names = [...deps.keys()];
  const initHead = `${at(3)}async init({ ${names.join(', ')} }) {`;
  if (initHead.length <= PRINT_WIDTH) {
    lines.push(initHead);
  } else {
    lines.push(`${at(3)}async init({`);
    for (const name of names) lines.push(`${at(4)}${name},`);
    lines.push(`${at(3)}}) {`);
  }
  const todoLines: number[] = [];
  for (const todo of todos) {
    todoLines.push(lines.length + 1);
    lines.push(`${at(4)}// TODO(forklift): ${todo}`);
  }
  lines.push(...renderCall(plan, args, at, semi));
  for (const path of plan.traits.unauthenticatedPaths) {
    lines.push(`${at(4)}httpRouter.addAuthPolicy({ path: ${q(path)}, allow: ${q('unauthenticated')} })${semi}`);
  }
  lines.push(`${at(3)}},`);
  lines.push(`${at(2)}})${semi}`);
  lines.push(`${at(1)}},`);
  lines.push(`})${semi}`);
  lines.push('');
  return {
    source: lines.join('\n'),
    todos: [...(idTodo ? [idTodo] : []), ...todos.map((message, i) => ({ line: todoLines[i], message }))],
  };
}

/**
 * The createRouter import, then what carried option values need: names from the router's own file join its import,
 * others are grouped by module in first-use order.
 */
function carriedImportLines(carried: readonly CarriedImport[], routerSpecifier: string, style: CodeStyle): string[] {
  const semi = style.semi ? ';' : '';
  const named = new Map<string, string[]>([[routerSpecifier, ['createRouter']]]);
  const other: string[] = [];
  for (const item of carried) {
    if (item.imported === 'default' || item.imported === '*') {
      const binding = item.imported === '*' ? `* as ${item.local}` : item.local;
      const line = `import ${binding} from ${quoted(item.specifier, style.quote)}${semi}`;
      if (!other.includes(line)) other.push(line);
      continue;
    }
    const name = item.imported === item.local ? item.local : `${item.imported} as ${item.local}`;
    const names = named.get(item.specifier) ?? [];
    if (!names.includes(name)) names.push(name);
    named.set(item.specifier, names);
  }
  return [...[...named].map(([module, names]) => importStatement(names, module, style)), ...other];
}

/** An argument's continuation lines, moved to where the argument is printed. */
function placeArg(arg: string, prefix: string): string {
  return arg
    .split('\n')
    .map((line, i) => (i === 0 ? `${prefix}${line}` : line ? `${prefix}${line}` : line))
    .join('\n');
}

function renderCall(plan: PluginPlan, args: string[], at: (level: number) => string, semi: string): string[] {
  const awaitPrefix = plan.traits.awaits ? 'await ' : '';
  const objectMode = plan.mode === 'options';
  const [open, close] = objectMode ? ['({', '})'] : ['(', ')'];
  const inline = objectMode ? (args.length ? `({ ${args.join(', ')} })` : '({})') : `(${args.join(', ')})`;
  const level = 4;

  // An argument over several lines never fits one line.
  const fits = (line: string) => line.length <= PRINT_WIDTH && !line.includes('\n');
  if (plan.traits.returnsRouterObject) {
    const head = `${at(level)}const { router } = ${awaitPrefix}createRouter`;
    const oneLine = `${head}${inline}${semi}`;
    const call =
      fits(oneLine) || args.length === 0
        ? [oneLine]
        : [`${head}${open}`, ...args.map((a) => `${placeArg(a, at(level + 1))},`), `${at(level)}${close}${semi}`];
    return [...call, `${at(level)}httpRouter.use(router)${semi}`];
  }
  const oneLine = `${at(level)}httpRouter.use(${awaitPrefix}createRouter${inline})${semi}`;
  if (fits(oneLine) || args.length === 0) return [oneLine];
  const argumentLine = `${at(level + 1)}${awaitPrefix}createRouter${inline},`;
  if (fits(argumentLine)) return [`${at(level)}httpRouter.use(`, argumentLine, `${at(level)})${semi}`];
  return [
    `${at(level)}httpRouter.use(`,
    `${at(level + 1)}${awaitPrefix}createRouter${open}`,
    ...args.map((a) => `${placeArg(a, at(level + 2))},`),
    `${at(level + 1)}${close},`,
    `${at(level)})${semi}`,
  ];
}
