/**
 * Writes the new `src/plugin.ts`: a `createBackendPlugin` whose deps are the core services the legacy
 * `createRouter` took, laid out the way a person (and prettier) would write it, in the file's own style.
 */
import { OUTPUT_MODULES, type ImportFamily } from '../shared/importFamily';
import { bridgeHelperFor, legacyFieldMapping, legacyServiceRefFor } from '../shared/legacyServices';
import { importStatement, quoted, type CodeStyle } from '../shared/source';
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
    } else if (!input.optional) {
      todos.push(`createRouter needs \`${input.name}\` (${input.typeText}), which no core service provides; ${BUILD_IT_FROM_DEPS}`);
      if (plan.mode === 'positional') args.push('undefined');
    } else if (plan.mode === 'positional') {
      args.push('undefined');
    }
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
  lines.push(importStatement(['createRouter'], plan.routerSpecifier, style));
  lines.push('');
  lines.push(`export const ${plan.constName} = createBackendPlugin({`);
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
  return { source: lines.join('\n'), todos: todos.map((message, i) => ({ line: todoLines[i], message })) };
}

function renderCall(plan: PluginPlan, args: string[], at: (level: number) => string, semi: string): string[] {
  const awaitPrefix = plan.traits.awaits ? 'await ' : '';
  const objectMode = plan.mode === 'options';
  const [open, close] = objectMode ? ['({', '})'] : ['(', ')'];
  const inline = objectMode ? (args.length ? `({ ${args.join(', ')} })` : '({})') : `(${args.join(', ')})`;
  const level = 4;

  if (plan.traits.returnsRouterObject) {
    const head = `${at(level)}const { router } = ${awaitPrefix}createRouter`;
    const oneLine = `${head}${inline}${semi}`;
    const call =
      oneLine.length <= PRINT_WIDTH || args.length === 0
        ? [oneLine]
        : [`${head}${open}`, ...args.map((a) => `${at(level + 1)}${a},`), `${at(level)}${close}${semi}`];
    return [...call, `${at(level)}httpRouter.use(router)${semi}`];
  }
  const oneLine = `${at(level)}httpRouter.use(${awaitPrefix}createRouter${inline})${semi}`;
  if (oneLine.length <= PRINT_WIDTH || args.length === 0) return [oneLine];
  const argumentLine = `${at(level + 1)}${awaitPrefix}createRouter${inline},`;
  if (argumentLine.length <= PRINT_WIDTH) return [`${at(level)}httpRouter.use(`, argumentLine, `${at(level)})${semi}`];
  return [
    `${at(level)}httpRouter.use(`,
    `${at(level + 1)}${awaitPrefix}createRouter${open}`,
    ...args.map((a) => `${at(level + 2)}${a},`),
    `${at(level + 1)}${close},`,
    `${at(level)})${semi}`,
  ];
}
