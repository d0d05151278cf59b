/**
 * Reads a legacy backend index into what the new one needs, as a sequence of named steps:
 * `readImports` -> `readWrapperScope` -> `listStatements` (the statements that build the service, in order;
 * indexParts.ts) -> `readStatement` for each (wiringStatements.ts: wiring the new backend does itself is dropped,
 * plugin mounts are planned by mountPlan, mounts that cannot be read are `blocked` (mountItems.ts), anything else
 * is kept under a TODO) -> a second mount of one plugin id is resolved (duplicateMounts.ts).
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import { collectBackendMounts, pluginEnvironmentImport, readPluginEnvironmentFields, type BackendMount } from '../../analysis';
import type { ImportFamily } from '../shared/importFamily';
import { LEGACY_ENV_FIELD_NAMES } from '../shared/legacyEnv';
import type { TransformContext } from '../types';
import type { BodyItem, StatementContext } from './bodyItems';
import { readCustomEnvFields, type CustomEnvFields } from './customEnvFields';
import { resolveDuplicateMounts } from './duplicateMounts';
import { identifierNamesInText } from './identifiers';
import { listStatements, mountHelperNames, readImports, readWrapperScope } from './indexParts';
import { builderCallOffsets, findMakeCreateEnv } from './legacyShapes';
import { planMount, type MountPlan } from './mountPlan';
import { describeRouterMiddleware } from './routerMiddleware';
import { readStatement } from './wiringStatements';
import type { WrapperScope } from './wrapperArgs';

export interface LegacyIndex {
  items: BodyItem[];
  env: CustomEnvFields;
  /** Import declarations, in order. */
  imports: namedTypes.ImportDeclaration[];
  /** Local names of plugin factories whose mount became something else (their imports go). */
  consumedBindings: Set<string>;
  /** Imported names the old file never used: the migration did not make them unused, so they stay. */
  unusedBefore: Set<string>;
  /** The fields the repository's PluginEnvironment declares; undefined when it could not be read. */
  envFields?: string[];
}

/** Reads the index; undefined when the file does not build a legacy backend (no `createServiceBuilder(...)`). */
export function readLegacyIndex(
  j: JSCodeshift,
  root: Collection,
  source: string,
  path: string,
  context: TransformContext,
  family: ImportFamily,
): LegacyIndex | undefined {
  const builderCalls = builderCallOffsets(root.get().node);
  if (builderCalls.length === 0) return undefined;
  const program = root.find(j.Program).get().node as namedTypes.Program;
  const { imports, importedNames, exportedNameOf } = readImports(program);
  const mountList = collectBackendMounts(j, root, source);
  const mounts = new Map(mountList.map((m) => [m.callStart, m]));

  const makeCreateEnvFn = findMakeCreateEnv(program);
  const env = makeCreateEnvFn ? readCustomEnvFields(j, source, makeCreateEnvFn, importedNames) : { movable: [], stuck: [], unknown: [] };
  const helpers = mountHelperNames(j, program, builderCalls);
  const { statements, notices } = listStatements(program, builderCalls, makeCreateEnvFn, helpers);
  const scope = readWrapperScope(statements, importedNames, source);

  const envFields = readPluginEnvironmentFields(path, pluginEnvironmentImport(imports), context.readFile);
  const planner = mountPlanner({ path, context, family, scope, exportedNameOf, uncarriedEnvFields: uncarriedFields(env, envFields) });
  const statementContext: StatementContext = { source, mounts, planOf: planner.planOf, wiring: new Set(), helpers };
  const items: BodyItem[] = [...notices];
  for (const s of statements) items.push(...readStatement(j, s, statementContext));
  describeRouterMiddleware(items, family);

  const consumedBindings = new Set<string>();
  for (const plan of planner.plans.values()) if (plan.kind !== 'blocked') consumedBindings.add(plan.mount.binding);
  return {
    items: resolveDuplicateMounts(items),
    env,
    imports,
    consumedBindings,
    unusedBefore: unusedImports(source, program, importedNames),
    envFields,
  };
}

/** Plans each mount once, when the statement reader first meets it; `plans` keeps them in that order. */
function mountPlanner(input: {
  path: string;
  context: TransformContext;
  family: ImportFamily;
  scope: WrapperScope;
  exportedNameOf: ReadonlyMap<string, string>;
  uncarriedEnvFields: string[];
}): { planOf: (mount: BackendMount) => MountPlan; plans: ReadonlyMap<BackendMount, MountPlan> } {
  const { path, context, family, scope, exportedNameOf, uncarriedEnvFields } = input;
  const plans = new Map<BackendMount, MountPlan>();
  const planOf = (mount: BackendMount) => {
    let plan = plans.get(mount);
    if (!plan) {
      const importedName = exportedNameOf.get(mount.binding);
      plans.set(mount, (plan = planMount({ mount, indexPath: path, context, importedName, scope, family, uncarriedEnvFields })));
    }
    return plan;
  };
  return { planOf, plans };
}

/**
 * The env fields carried plugins will not get: custom fields that could not become services, and fields the
 * repository's PluginEnvironment declares that neither legacyPlugin nor a custom field provides.
 */
function uncarriedFields(env: CustomEnvFields, declared: readonly string[] | undefined): string[] {
  const provided = new Set([...LEGACY_ENV_FIELD_NAMES, ...env.movable.map((f) => f.field)]);
  return [...new Set([...env.stuck.map((f) => f.field), ...(declared ?? []).filter((f) => !provided.has(f))])];
}

/** Imported names the file's code (outside its imports) never mentions. */
function unusedImports(source: string, program: namedTypes.Program, importedNames: ReadonlySet<string>): Set<string> {
  let code = '';
  let at = 0;
  for (const s of program.body) {
    if (s.type !== 'ImportDeclaration') continue;
    const { start, end } = s as unknown as { start: number; end: number };
    code += source.slice(at, start);
    at = end;
  }
  code += source.slice(at);
  const mentioned = new Set(identifierNamesInText(code));
  return new Set([...importedNames].filter((n) => !mentioned.has(n)));
}
