/**
 * Writes the new index: the file's own header comments, the imports still needed, the services custom env
 * fields became, then `createBackend()`, one `backend.add(...)` per plugin in mount order, and
 * `backend.start()`. Kept imports and kept code are copied as written.
 */
import type { namedTypes } from 'ast-types';
import { OUTPUT_MODULES, type ImportFamily } from '../shared/importFamily';
import { FORKLIFT_ENV_EXPORTS, standardFieldsToList, type LegacyEnvField } from '../shared/legacyEnv';
import type { ManualStep } from '../types';
import type { MovableField } from './customEnvFields';
import { importsText } from './imports';
import { mainBodyText } from './mainBody';
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
  const mapping = movable.length > 0 ? customMapping(family, input.envFields) : undefined;
  if (mapping) envChunks.push(makeLegacyPluginBlock(mapping, movable, style));

  const { text: mainText, openIds } = mainBodyText(index.items, { style, family, typed, partial: !!input.partial });
  if (openIds.length > 0) envChunks.push(openAccessHelper(style, typed, openIds));

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
}

/** The env mapping of a custom `makeLegacyPlugin`: the family's standard fields, then the custom ones. */
function customMapping(family: ImportFamily, envFields: readonly string[] | undefined): CustomMapping {
  const standard = standardFieldsToList(family, envFields);
  const legacyImports =
    family === 'forklift'
      ? [FORKLIFT_ENV_EXPORTS.mapping, FORKLIFT_ENV_EXPORTS.transforms]
      : standard.map((f) => f.transform).filter((t): t is NonNullable<LegacyEnvField['transform']> => !!t);
  return { family, standard, legacyImports };
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
    `${i1}},`,
    ...(transforms.length > 0 ? [`${i1}{`, ...transforms, `${i1}},`] : []),
  ];
  return statement(style, `${lines.join('\n')}\n)`);
}

function manualStepsOf(text: string, path: string): ManualStep[] {
  const steps: ManualStep[] = [];
  text.split('\n').forEach((line, i) => {
    const at = line.indexOf(`// ${TODO_PREFIX} `);
    if (at >= 0) steps.push({ path, line: i + 1, message: line.slice(at + TODO_PREFIX.length + 4).trim() });
  });
  return steps;
}
