/**
 * Writes the new index: the file's own header comments, the imports still needed, the services custom env
 * fields became, then `createBackend()`, one `backend.add(...)` per plugin in mount order, and
 * `backend.start()`. Kept imports and kept code are copied as written.
 */
import type { namedTypes } from 'ast-types';
import { OUTPUT_MODULES, type ImportFamily } from '../shared/importFamily';
import { FORKLIFT_ENV_EXPORTS, standardFieldsToList, type LegacyEnvField } from '../shared/legacyEnv';
import type { ManualStep } from '../types';
import { hasAuthPolicy, mapStandardField, missingAuthPolicyStep } from './backstageApis';
import type { MovableField } from './customEnvFields';
import { importsText } from './imports';
import { mainBodyText } from './mainBody';
import { LEGACY_AUTH_MODULE } from '../../adopt/backendLines';
import { openAccessHelper } from './openAccess';
import type { LegacyIndex } from './readIndex';
import { quoted, reindent, statement, type CodeStyle } from './style';
import { TODO_PREFIX, todoBlock } from './todo';

export interface EmitInput {
  source: string;
  program: namedTypes.Program;
  index: LegacyIndex;
  style: CodeStyle;
  family: ImportFamily;
  /** False for JavaScript files: no type arguments. */
  typed: boolean;
  path: string;
  /** The fields the repository's `PluginEnvironment` declares; undefined when that type could not be read. */
  envFields?: readonly string[];
  /** `--partial`: blocked mounts are written as commented lines under a TODO instead of refusing the file. */
  partial?: boolean;
  /** The versions the repository resolves (backstage family: what the output may use at them). */
  versions?: Record<string, { version: string }>;
}

export function emitIndex(input: EmitInput): { text: string; manualSteps: ManualStep[] } {
  const { source, program, index, style, family, typed } = input;
  const usesLegacy = index.items.some((i) => i.kind === 'mount' && i.plan.kind === 'legacy');
  const movable = index.env.movable;

  const envChunks: string[] = [];
  for (const field of movable) envChunks.push(serviceRefBlock(field, style, typed));
  for (const stuck of index.env.stuck) {
    envChunks.push(
      todoBlock(
        `the plugin environment's custom field \`${stuck.field}\` cannot be moved automatically: ${stuck.reason}; ` +
          `provide it as a service (createServiceRef with a defaultFactory) and add it to the env mapping of makeLegacyPlugin` +
          (stuck.keptWith ? ` (the code that built it is kept above, with \`${stuck.keptWith}\`)` : ''),
        stuck.kept.length > 0 ? { text: stuck.kept.map((k) => reindent(k.text, k.indent, '')).join('\n'), indent: '' } : undefined,
      ),
    );
  }
  for (const kept of index.env.unknown) {
    envChunks.push(
      todoBlock(
        `makeCreateEnv did this, which the new backend does not do for you; re-create it where it belongs (a service factory, module or plugin) or delete it`,
        kept,
      ),
    );
  }
  const mapping = movable.length > 0 ? customMapping(family, input.envFields, input.versions) : undefined;
  if (mapping) {
    for (const reason of mapping.stuck) envChunks.push(todoBlock(reason));
    envChunks.push(makeLegacyPluginBlock(mapping, movable, style));
  }

  // Backstage's default-deny policy and the addAuthPolicy that opens a plugin came in the same release.
  const openAccess = family !== 'backstage' || hasAuthPolicy(input.versions);
  const {
    text: mainText,
    openIds,
    legacyAuthIds,
  } = mainBodyText(index.items, {
    style,
    family,
    typed,
    partial: !!input.partial,
    openAccess,
  });
  if (openIds.length > 0) {
    envChunks.push(openAccess ? openAccessHelper(style, typed, openIds) : todoBlock(missingAuthPolicyStep(input.versions, openIds)));
  }

  const bodyText = [...envChunks, mainText].join('\n\n');
  const generated = new Map<string, string[]>();
  const want = (module: string, ...names: string[]) => generated.set(module, [...(generated.get(module) ?? []), ...names]);
  const modules = OUTPUT_MODULES[family];
  want(modules.backend, 'createBackend');
  if (mapping) {
    const needsCoreServices = mapping.standard.length > 0 || movable.some((f) => f.deps.length > 0);
    want(modules.pluginApi, ...(needsCoreServices ? ['coreServices'] : []), 'createServiceFactory', 'createServiceRef');
    want(modules.legacy, 'makeLegacyPlugin', ...mapping.legacyImports);
  } else if (usesLegacy) {
    want(modules.legacy, 'legacyPlugin');
  }
  if (openIds.length > 0) want(modules.pluginApi, 'coreServices', 'createBackendModule');
  if (legacyAuthIds.length > 0) want(modules.legacy, LEGACY_AUTH_MODULE);
  const importText = importsText(
    { source, style, imports: index.imports, consumed: index.consumedBindings, keep: index.unusedBefore },
    bodyText,
    generated,
  );

  const firstStart = (program.body[0] as unknown as { start: number } | undefined)?.start ?? 0;
  const header = source.slice(0, firstStart);
  const text = `${header}${importText}\n\n${bodyText}\n`;
  return { text, manualSteps: manualStepsOf(text, input.path) };
}

function serviceRefBlock(field: MovableField, style: CodeStyle, typed: boolean): string {
  const i1 = style.indent;
  const i2 = i1.repeat(2);
  const i3 = i1.repeat(3);
  const deps = field.deps.map((d) => `${d.name}: coreServices.${d.service}`).join(', ');
  const params = field.deps.map((d) => d.name).join(', ');
  const init = reindent(field.init.text, field.init.indent, i3);
  const lines = [
    `const ${field.field}ServiceRef = createServiceRef${typed ? `<${field.typeText}>` : ''}({`,
    `${i1}id: ${quoted(style, `backend.${field.field}`)},`,
    ...(field.scope === 'root' ? [`${i1}scope: ${quoted(style, 'root')},`] : []),
    `${i1}defaultFactory: async service =>`,
    `${i2}createServiceFactory({`,
    `${i3}service,`,
    `${i3}deps: {${deps ? ` ${deps} ` : ''}},`,
    `${i3}${field.isAsync ? 'async ' : ''}factory: ${params ? `({ ${params} })` : '()'} => ${init},`,
    `${i2}}),`,
  ];
  const comments = field.comments.map((c) => `${reindent(c, field.init.indent, '')}\n`).join('');
  return comments + statement(style, `${lines.join('\n')}\n})`);
}

interface CustomMapping {
  family: ImportFamily;
  /** Standard fields listed one by one (backstage family); the forklift family spreads the bridge's mapping. */
  standard: LegacyEnvField[];
  legacyImports: string[];
  /** Declared standard fields the versions in use cannot provide, each as the manual step that names it. */
  stuck: string[];
  /** Declared standard fields the version in use of `makeLegacyPlugin` gives every plugin by itself. */
  addedByItself: string[];
}

/**
 * The env mapping of a custom `makeLegacyPlugin`: the family's standard fields, then the custom ones. Backstage
 * family: only what the repository's versions publish (fields `makeLegacyPlugin` adds by itself are not listed).
 */
function customMapping(family: ImportFamily, envFields: readonly string[] | undefined, versions: EmitInput['versions']): CustomMapping {
  if (family === 'forklift') {
    const legacyImports = [FORKLIFT_ENV_EXPORTS.mapping, FORKLIFT_ENV_EXPORTS.transforms];
    return { family, standard: [], legacyImports, stuck: [], addedByItself: [] };
  }
  const standard: LegacyEnvField[] = [];
  const stuck: string[] = [];
  const addedByItself: string[] = [];
  for (const field of standardFieldsToList(family, envFields)) {
    const decided = mapStandardField(field, versions);
    if (decided.kind === 'mapped') standard.push(field);
    else if (decided.kind === 'stuck') stuck.push(decided.reason);
    else addedByItself.push(field.field);
  }
  const legacyImports = standard.map((f) => f.transform).filter((t): t is NonNullable<LegacyEnvField['transform']> => !!t);
  return { family, standard, legacyImports, stuck, addedByItself };
}

function makeLegacyPluginBlock(mapping: CustomMapping, movable: MovableField[], style: CodeStyle): string {
  const i1 = style.indent;
  const i2 = i1.repeat(2);
  const custom = movable.map((f) => `${i2}${f.field}: ${f.field}ServiceRef,`);
  if (mapping.family === 'forklift') {
    const lines = [
      'const legacyPlugin = makeLegacyPlugin(',
      `${i1}{`,
      `${i2}...${FORKLIFT_ENV_EXPORTS.mapping},`,
      ...custom,
      `${i1}},`,
      `${i1}${FORKLIFT_ENV_EXPORTS.transforms},`,
    ];
    return statement(style, `${lines.join('\n')}\n)`);
  }
  const transformParam: Record<string, string> = { loggerToWinstonLogger: 'log', cacheToPluginCacheManager: 'cache' };
  const transforms = mapping.standard
    .filter((f) => f.transform)
    .map((f) => `${i2}${f.field}: ${transformParam[f.transform!]} => ${f.transform}(${transformParam[f.transform!]}),`);
  const lines = [
    'const legacyPlugin = makeLegacyPlugin(',
    `${i1}{`,
    ...mapping.standard.map((f) => `${i2}${f.field}: coreServices.${f.backstageService},`),
    ...custom,
    ...(mapping.addedByItself.length > 0 ? [`${i2}// ${addedByItselfNote(mapping.addedByItself)}`] : []),
    `${i1}},`,
    ...(transforms.length > 0 ? [`${i1}{`, ...transforms, `${i1}},`] : []),
  ];
  return statement(style, `${lines.join('\n')}\n)`);
}

function addedByItselfNote(fields: string[]): string {
  const list = fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
  return `${list}: makeLegacyPlugin gives ${fields.length === 1 ? 'it' : 'them'} to every plugin itself`;
}

function manualStepsOf(text: string, path: string): ManualStep[] {
  const steps: ManualStep[] = [];
  text.split('\n').forEach((line, i) => {
    const at = line.indexOf(`// ${TODO_PREFIX} `);
    if (at >= 0) steps.push({ path, line: i + 1, message: line.slice(at + TODO_PREFIX.length + 4).trim() });
  });
  return steps;
}
