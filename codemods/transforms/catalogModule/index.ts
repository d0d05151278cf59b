/**
 * catalog-module: the builder calls in a legacy backend's plugin file (`CatalogBuilder.create(env)` followed by
 * `builder.addProcessor(...)` / `builder.addEntityProvider(...)`) move into catalog modules on the catalog's
 * processing extension point, one file per call under `modules/` next to the plugins folder. The plugin file
 * itself keeps every line: each moved call gets a TODO pointing at its module (the legacy catalog keeps
 * working until the backend switches to the new catalog plugin), and the builders this transform cannot move
 * (other catalog methods, scaffolder actions, search collators, auth providers) get a TODO naming their new home.
 */
import { posix } from 'node:path';
import { detectImportFamily, type ImportFamily } from '../shared/importFamily';
import { indentAt, kebabCase, lineAt, parse, relativeSpecifier, spliceAll, styleOf, type CodeStyle } from '../shared/source';
import { withOwnLineEndings } from '../shared/lineEndings';
import type { FileOutcome, ManualStep, SourceFile, Transform, TransformContext, TransformResult } from '../types';
import { MOVABLE_CATALOG_METHODS, OTHER_BUILDERS, OTHER_CATALOG_METHODS } from './extensionPoints';
import { analyseArguments, subjectName, type EnvUse } from './movability';
import { reflowLongLines } from './reflow';
import { renderModule } from './renderModule';

const CANDIDATE = /\bCatalogBuilder\b|\bcreateBuiltinActions\b|\.addCollator\s*\(|\bproviderFactories\b|plugin-permission-backend/;

interface ImportedName {
  module: string;
  /** `default`, `*` or the exported name. */
  imported: string;
}

export const catalogModuleTransform: Transform = {
  name: 'catalog-module',

  matches(file: SourceFile): boolean {
    return /\.[cm]?[jt]sx?$/.test(file.path) && !file.path.endsWith('.d.ts') && CANDIDATE.test(file.source);
  },

  apply(file: SourceFile, context: TransformContext): TransformResult {
    return withOwnLineEndings(file, context, applyCatalogModule);
  },
};

function applyCatalogModule(file: SourceFile, context: TransformContext): TransformResult {
  const { j, root } = parse(file.path, file.source);
  const source = file.source;
  const family: ImportFamily = context.target ?? detectImportFamily(source) ?? 'forklift';
  const style = styleOf(source);
  const body: any[] = root.find(j.Program).get().node.body;

  const imports = new Map<string, ImportedName>();
  for (const statement of body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    for (const spec of statement.specifiers ?? []) {
      const imported = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? '*' : spec.imported.name;
      imports.set(spec.local.name, { module: statement.source.value, imported });
    }
  }

  const todos = new Map<any, string[]>();
  const addTodo = (statement: any, message: string) => {
    if (hasTodo(source, statement)) return;
    const list = todos.get(statement) ?? [];
    if (!list.includes(message)) list.push(message);
    todos.set(statement, list);
  };
  const created: FileOutcome[] = [];
  const modulesDir = modulesDirFor(file.path);

  for (const [local, info] of imports) {
    if (info.imported !== 'CatalogBuilder') continue;
    root
      .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { name: local }, property: { name: 'create' } } })
      .forEach((createPath: any) => {
        const declarator = enclosing(createPath, 'VariableDeclarator');
        if (!declarator || declarator.node.id.type !== 'Identifier') return;
        const builderName: string = declarator.node.id.name;
        let envArg = createPath.node.arguments[0];
        while (envArg && /^TS(AsExpression|NonNullExpression|TypeAssertion|SatisfiesExpression)$/.test(envArg.type)) envArg = envArg.expression;
        const envName: string | undefined = envArg?.type === 'Identifier' ? envArg.name : undefined;
        root
          .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { name: builderName } } })
          .forEach((callPath: any) => {
            const call = callPath.node;
            if (call.callee.property.type !== 'Identifier') return;
            const method: string = call.callee.property.name;
            if (method === 'build') return;
            const statement = statementOf(callPath);
            if (!statement || hasTodo(source, statement)) return;
            const target = MOVABLE_CATALOG_METHODS[method];
            if (!target) {
              addTodo(
                statement,
                `\`${builderName}.${method}(...)\`: ${OTHER_CATALOG_METHODS[method] ?? 'no counterpart is known in the new backend system; look for a catalog extension point (catalogProcessingExtensionPoint, catalogModelExtensionPoint, catalogAnalysisExtensionPoint, catalogPermissionExtensionPoint) or catalog config that covers it.'}`,
              );
              return;
            }
            const extensionModule = target.module(family, info.module);
            const manual = `move \`${builderName}.${method}(...)\` into a catalog module as \`catalog.${method}(...)\` on \`${target.extensionPoint}\` from \`${extensionModule}\``;
            const isStatementCall = statement.type === 'ExpressionStatement' && unwrapAwait(statement.expression) === call;
            const analysis = analyseArguments(call.arguments, envName, new Set(imports.keys()));
            if (!isStatementCall || !analysis.movable) {
              addTodo(statement, `${manual} (not moved automatically: ${analysis.reason ?? 'its result is used here'}).`);
              return;
            }
            const name = subjectName(call.arguments[0]) ?? (method === 'addProcessor' ? 'Processor' : 'EntityProvider');
            const constName = `catalogModule${name}`;
            const modulePath = posix.join(modulesDir, `${constName}.ts`);
            if (created.some((f) => f.path === modulePath) || context.readFile(modulePath) !== undefined) {
              addTodo(statement, `${manual} (not moved automatically: ${modulePath} already exists).`);
              return;
            }
            const { call: movedCall, services, helpers } = rewriteCall(source, statement, call, analysis.envUses, family, style);
            created.push({
              path: modulePath,
              status: 'created',
              source: renderModule({
                family,
                style,
                pluginId: target.pluginId,
                moduleId: kebabCase(name),
                constName,
                extensionPoint: { name: target.extensionPoint, module: extensionModule },
                services,
                imports: moduleImports(analysis.imports, imports, file.path, modulePath),
                legacyHelpers: helpers,
                call: movedCall,
              }),
            });
            addTodo(
              statement,
              `moved to \`${constName}\` in ${relativeSpecifier(file.path, modulePath)}.ts; once the backend runs the new catalog plugin, add that module to it and delete this call.`,
            );
          });
      });
  }

  const importedModules = body.filter((s) => s.type === 'ImportDeclaration').map((s) => String(s.source.value));
  for (const builder of OTHER_BUILDERS) {
    if (builder.onlyWithImportFrom && !importedModules.some((m) => builder.onlyWithImportFrom!.test(m))) continue;
    const hits: any[] = [];
    if (builder.kind === 'call') root.find(j.CallExpression, { callee: { type: 'Identifier', name: builder.name } }).forEach((p: any) => hits.push(p));
    if (builder.kind === 'method') root.find(j.CallExpression, { callee: { type: 'MemberExpression', property: { name: builder.name } } }).forEach((p: any) => hits.push(p));
    if (builder.kind === 'option') root.find(j.ObjectProperty, { key: { name: builder.name } }).forEach((p: any) => hits.push(p));
    for (const hit of hits) {
      const statement = statementOf(hit);
      if (statement) addTodo(statement, builder.todo);
    }
  }

  if (todos.size === 0 && created.length === 0) return { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };

  const ordered = [...todos.entries()].sort((a, b) => a[0].start - b[0].start);
  const manualSteps: ManualStep[] = [];
  let inserted = 0;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const [statement, messages] of ordered) {
    const indent = indentAt(source, statement.start);
    const line = lineAt(source, statement.start);
    messages.forEach((message, i) => manualSteps.push({ path: file.path, line: line + inserted + i, message }));
    inserted += messages.length;
    edits.push({ start: statement.start, end: statement.start, text: messages.map((m) => `// TODO(forklift): ${m}\n${indent}`).join('') });
  }
  return { files: [{ path: file.path, status: 'ok', source: spliceAll(source, edits) }, ...created], manualSteps };
}

/** `src/plugins/catalog.ts` -> `src/modules`; any other folder gets a `modules` folder of its own. */
function modulesDirFor(path: string): string {
  const dir = posix.dirname(path);
  return posix.basename(dir) === 'plugins' ? posix.join(posix.dirname(dir), 'modules') : posix.join(dir, 'modules');
}

function unwrapAwait(node: any): any {
  return node?.type === 'AwaitExpression' ? node.argument : node;
}

function enclosing(path: any, type: string): any {
  for (let p = path.parent; p; p = p.parent) if (p.node.type === type) return p;
  return undefined;
}

/** The statement that holds a node and sits directly in a block or the program. */
function statementOf(path: any): any {
  for (let p = path; p && p.parent; p = p.parent) {
    if (/^(BlockStatement|Program|StaticBlock)$/.test(p.parent.node.type)) return p.node;
  }
  return undefined;
}

/** True when the line right above the statement already carries a forklift TODO. */
function hasTodo(source: string, statement: any): boolean {
  const lineStart = source.lastIndexOf('\n', statement.start - 1) + 1;
  const before = source.slice(0, lineStart).replace(/\n$/, '');
  const previous = before.slice(before.lastIndexOf('\n') + 1);
  return /^\s*\/\/ TODO\(forklift\):/.test(previous);
}

/** The moved call: the builder becomes `catalog`, env fields become deps, re-indented for the init body. */
function rewriteCall(
  source: string,
  statement: any,
  call: any,
  envUses: EnvUse[],
  family: ImportFamily,
  style: CodeStyle,
): { call: string; services: Array<{ key: string; ref: string }>; helpers: string[] } {
  const services: Array<{ key: string; ref: string }> = [];
  const helpers = new Set<string>();
  const base = statement.start;
  const edits = [{ start: call.callee.object.start - base, end: call.callee.object.end - base, text: 'catalog' }];
  for (const use of envUses) {
    // The legacy environment's permissions field is the old permission client; the bridge has a ref for it.
    const legacyRef = family === 'forklift' && use.service === 'permissions' ? 'legacyPermissionsServiceRef' : undefined;
    if (legacyRef) helpers.add(legacyRef);
    if (!services.some((s) => s.key === use.field)) services.push({ key: use.field, ref: legacyRef ?? `coreServices.${use.service}` });
    let text = use.field;
    // Legacy classes in a forklift repository expect the legacy types; Backstage's catalog modules take the new services.
    if (family === 'forklift' && use.service === 'logger') text = `loggerToWinstonLogger(${use.field})`;
    if (family === 'forklift' && use.service === 'cache') text = `cacheToPluginCacheManager(${use.field})`;
    if (text !== use.field) helpers.add(text.slice(0, text.indexOf('(')));
    if (use.property) text = text === use.field ? text : `${use.field}: ${text}`;
    edits.push({ start: use.start - base, end: use.end - base, text });
  }
  const statementText = spliceAll(source.slice(statement.start, statement.end), edits).replace(/^await\s+/, '');
  const fromIndent = indentAt(source, statement.start);
  const toIndent = style.indent.repeat(4);
  const moved = statementText
    .split('\n')
    .map((line, i) => (i === 0 ? toIndent + line : line.startsWith(fromIndent) ? toIndent + line.slice(fromIndent.length) : line))
    .join('\n');
  return { call: reflowLongLines(moved, style.indent), services, helpers: [...helpers] };
}

/** Import lines for the names a moved call uses, relative paths re-pointed from the module file. */
function moduleImports(
  names: string[],
  imports: Map<string, ImportedName>,
  fromFile: string,
  modulePath: string,
): Array<{ names: string[]; module: string; defaultName?: string }> {
  const byModule = new Map<string, { names: string[]; module: string; defaultName?: string }>();
  for (const name of names) {
    const info = imports.get(name)!;
    const module = info.module.startsWith('.')
      ? relativeSpecifier(modulePath, posix.normalize(posix.join(posix.dirname(fromFile), info.module)))
      : info.module;
    const entry = byModule.get(module) ?? { names: [], module };
    if (info.imported === 'default') entry.defaultName = name;
    else if (info.imported === '*') entry.defaultName = `* as ${name}`;
    else entry.names.push(info.imported === name ? name : `${info.imported} as ${name}`);
    byModule.set(module, entry);
  }
  return [...byModule.values()];
}
