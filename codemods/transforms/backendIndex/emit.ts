/**
 * Writes the new index: the file's own header comments, the imports still needed, the services custom env
 * fields became, then `createBackend()`, one `backend.add(...)` per plugin in mount order, and
 * `backend.start()`. Kept imports and kept code are copied as written.
 */
import type { namedTypes } from 'ast-types';
import { OUTPUT_MODULES, type ImportFamily } from '../shared/importFamily';
import type { ManualStep } from '../types';
import type { MovableField } from './customEnvFields';
import { importsText } from './imports';
import type { BodyItem, LegacyIndex } from './readIndex';
import { callStatement, quoted, reindent, statement, type CodeStyle } from './style';
import { TODO_PREFIX, todoBlock } from './todo';

/** The env fields legacyPlugin maps to core services, in the order Backstage lists them. */
const STANDARD_ENV_MAPPING: Array<[string, string]> = [
  ['cache', 'cache'],
  ['config', 'rootConfig'],
  ['database', 'database'],
  ['discovery', 'discovery'],
  ['logger', 'logger'],
  ['permissions', 'permissions'],
  ['scheduler', 'scheduler'],
  ['reader', 'urlReader'],
];

export interface EmitInput {
  source: string;
  program: namedTypes.Program;
  index: LegacyIndex;
  style: CodeStyle;
  family: ImportFamily;
  /** False for JavaScript files: no type arguments. */
  typed: boolean;
  path: string;
}

export function emitIndex(input: EmitInput): { text: string; manualSteps: ManualStep[] } {
  const { source, program, index, style, family, typed } = input;
  const s = (text: string) => statement(style, text);
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
  if (movable.length > 0) envChunks.push(makeLegacyPluginBlock(movable, style));

  const mainChunks: Array<{ todo: boolean; text: string }> = [{ todo: false, text: s('const backend = createBackend()') }];
  for (const item of index.items) {
    const chunk = itemText(item, style);
    if (chunk) mainChunks.push(chunk);
  }
  mainChunks.push({ todo: false, text: s('backend.start()') });
  let mainText = mainChunks[0].text;
  for (let i = 1; i < mainChunks.length; i++) {
    mainText += (mainChunks[i].todo || mainChunks[i - 1].todo ? '\n\n' : '\n') + mainChunks[i].text;
  }

  const bodyText = [...envChunks, mainText].join('\n\n');
  const generated = new Map<string, string[]>();
  const want = (module: string, ...names: string[]) => generated.set(module, [...(generated.get(module) ?? []), ...names]);
  const modules = OUTPUT_MODULES[family];
  want(modules.backend, 'createBackend');
  if (movable.length > 0) {
    want(modules.pluginApi, 'coreServices', 'createServiceFactory', 'createServiceRef');
    want(modules.legacy, 'cacheToPluginCacheManager', 'loggerToWinstonLogger', 'makeLegacyPlugin');
  } else if (usesLegacy) {
    want(modules.legacy, 'legacyPlugin');
  }
  const importText = importsText({ source, style, imports: index.imports, consumed: index.consumedBindings }, bodyText, generated);

  const firstStart = (program.body[0] as unknown as { start: number } | undefined)?.start ?? 0;
  const header = source.slice(0, firstStart);
  const text = `${header}${importText}\n\n${bodyText}\n`;
  return { text, manualSteps: manualStepsOf(text, input.path) };
}

function itemText(item: BodyItem, style: CodeStyle): { todo: boolean; text: string } | undefined {
  if (item.kind === 'todo') return { todo: true, text: todoBlock(item.message, item.kept) };
  const { plan } = item;
  const comments = item.leadingComments.map((c) => reindent(c, '', '')).join('\n');
  const withComments = (text: string) => (comments ? `${comments}\n${text}` : text);
  switch (plan.kind) {
    case 'health':
      return undefined;
    case 'todo':
      return { todo: true, text: todoBlock(plan.message, item.kept) };
    case 'package':
      return { todo: false, text: withComments(callStatement(style, 'backend.add', `import(${quoted(style, plan.packageName)})`)) };
    case 'legacy':
      return {
        todo: false,
        text: withComments(
          callStatement(
            style,
            'backend.add',
            `legacyPlugin(${quoted(style, plan.mount.pluginId)}, import(${quoted(style, plan.importSource)}))`,
          ),
        ),
      };
  }
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

function makeLegacyPluginBlock(movable: MovableField[], style: CodeStyle): string {
  const i1 = style.indent;
  const i2 = i1.repeat(2);
  const mapping = [
    ...STANDARD_ENV_MAPPING.map(([field, service]) => `${i2}${field}: coreServices.${service},`),
    ...movable.map((f) => `${i2}${f.field}: ${f.field}ServiceRef,`),
  ];
  const lines = [
    'const legacyPlugin = makeLegacyPlugin(',
    `${i1}{`,
    ...mapping,
    `${i1}},`,
    `${i1}{`,
    `${i2}logger: log => loggerToWinstonLogger(log),`,
    `${i2}cache: cache => cacheToPluginCacheManager(cache),`,
    `${i1}},`,
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
