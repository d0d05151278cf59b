/**
 * catalog-module: the builder calls in a legacy backend's plugin file (`CatalogBuilder.create(env)` followed by
 * `builder.addProcessor(...)` / `builder.addEntityProvider(...)`) move into catalog modules on the catalog's
 * processing extension point, one file per call under `modules/` next to the plugins folder. The plugin file
 * itself keeps every line: each moved call gets a TODO pointing at its module (the legacy catalog keeps
 * working until the backend switches to the new catalog plugin), and the builders this transform cannot move
 * (other catalog methods, scaffolder actions, search collators, auth providers) get a TODO naming their new home.
 * Only legacy code is a candidate: a file that already defines a new-system plugin or module (a native catalog
 * plugin building its catalog in `init`, a vendored scaffolder plugin installing its built-in actions) is new-form
 * code and stays as it is.
 */
import { posix } from 'node:path';
import { exportLocationInRepository } from '../../analysis';
import { detectImportFamily, type ImportFamily } from '../shared/importFamily';
import { withOwnLineEndings } from '../shared/lineEndings';
import { kebabCase, lineAt, parse, relativeSpecifier, styleOf, type CodeStyle, type Parsed } from '../shared/source';
import type { FileOutcome, ManualStep, SourceFile, Transform, TransformContext, TransformResult } from '../types';
import { CATALOG_BUILDER_METHODS, catalogExtensionPointModule, OTHER_BUILDERS, type CatalogMethodHome } from './extensionPoints';
import { fieldForm } from './legacyTypedFields';
import { analyseArguments, subjectName } from './movability';
import { moduleImports, rewriteCall, type ImportedName } from './moveCall';
import { definesNewSystemFeature } from './nativeFeature';
import { movedToModuleMessage } from './movedToModule';
import { renderModule } from './renderModule';
import { enclosing, hasTodo, statementOf, TodoList, unwrapAwait } from './statements';
import type { LooseNode, LoosePath } from '../shared/ast';

const CANDIDATE = /\bCatalogBuilder\b|\bcreateBuiltinActions\b|\.addCollator\s*\(|\bproviderFactories\b|plugin-permission-backend/;

export { modulesMovedOutOf } from './movedToModule';

export const catalogModuleTransform: Transform = {
  name: 'catalog-module',

  matches(file: SourceFile): boolean {
    return /\.[cm]?[jt]sx?$/.test(file.path) && !file.path.endsWith('.d.ts') && CANDIDATE.test(file.source);
  },

  apply(file: SourceFile, context: TransformContext): TransformResult {
    return withOwnLineEndings(file, context, applyCatalogModule);
  },
};

interface FileScan {
  file: SourceFile;
  context: TransformContext;
  parsed: Parsed;
  family: ImportFamily;
  style: CodeStyle;
  /** Local name -> where it is imported from. */
  imports: Map<string, ImportedName>;
  todos: TodoList;
  created: FileOutcome[];
  /** Manual steps in the created modules. */
  createdSteps: ManualStep[];
}

function applyCatalogModule(file: SourceFile, context: TransformContext): TransformResult {
  const parsed = parse(file.path, file.source);
  const body: LooseNode[] = parsed.root.find(parsed.j.Program).get().node.body;
  const unmodified: TransformResult = { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
  if (definesNewSystemFeature(parsed.j, parsed.root, body)) return unmodified;
  const imports = new Map<string, ImportedName>();
  for (const statement of body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    for (const spec of statement.specifiers ?? []) {
      const imported =
        spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? '*' : spec.imported.name;
      imports.set(spec.local.name, { module: statement.source.value, imported });
    }
  }
  const scan: FileScan = {
    file,
    context,
    parsed,
    family: context.target ?? detectImportFamily(file.source) ?? 'forklift',
    style: styleOf(file.source),
    imports,
    todos: new TodoList(file.path, file.source),
    created: [],
    createdSteps: [],
  };
  for (const [local, info] of imports) {
    if (info.imported === 'CatalogBuilder') moveCatalogBuilderCalls(scan, local, info.module);
  }
  pointAtOtherExtensionPoints(scan, body);

  if (scan.todos.size === 0 && scan.created.length === 0) return unmodified;
  const { source, manualSteps } = scan.todos.apply();
  return { files: [{ path: file.path, status: 'ok', source }, ...scan.created], manualSteps: [...manualSteps, ...scan.createdSteps] };
}

/** Every `builder.<method>(...)` on a builder made by `<local>.create(env)`: moved into a module, or a TODO. */
function moveCatalogBuilderCalls(scan: FileScan, local: string, builderModule: string): void {
  const { j, root } = scan.parsed;
  const source = scan.file.source;
  root
    .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { name: local }, property: { name: 'create' } } })
    .forEach((createPath: LoosePath) => {
      const declarator = enclosing(createPath, 'VariableDeclarator');
      if (!declarator || declarator.node.id.type !== 'Identifier') return;
      const builderName: string = declarator.node.id.name;
      let envArg = createPath.node.arguments[0];
      while (envArg && /^TS(AsExpression|NonNullExpression|TypeAssertion|SatisfiesExpression)$/.test(envArg.type))
        envArg = envArg.expression;
      const envName: string | undefined = envArg?.type === 'Identifier' ? envArg.name : undefined;
      root
        .find(j.CallExpression, { callee: { type: 'MemberExpression', object: { name: builderName } } })
        .forEach((callPath: LoosePath) => {
          const call = callPath.node;
          if (call.callee.property.type !== 'Identifier') return;
          const method: string = call.callee.property.name;
          if (method === 'build') return;
          const statement = statementOf(callPath);
          if (!statement || hasTodo(source, statement)) return;
          const home = CATALOG_BUILDER_METHODS[method];
          const call$ = `${builderName}.${method}(...)`;
          if (home?.kind !== 'extension-point' || !home.movable) {
            scan.todos.add(statement, `\`${call$}\`: ${homeOf(home, scan, builderModule)}`, labelOf(scan, call));
            return;
          }
          const target = { pluginId: 'catalog', extensionPoint: home.extensionPoint, method: home.method };
          const extensionModule = catalogExtensionPointModule(home.extensionPoint, scan.family, builderModule, scan.context.facts.versions);
          const manual = `move \`${call$}\` into a catalog module as \`catalog.${method}(...)\` on \`${target.extensionPoint}\` from \`${extensionModule}\``;
          const isStatementCall = statement.type === 'ExpressionStatement' && unwrapAwait(statement.expression) === call;
          const analysis = analyseArguments(call.arguments, envName, new Set(scan.imports.keys()));
          const condition = conditionOf(scan, callPath, createPath);
          if (condition || !isStatementCall || !analysis.movable) {
            const reason = condition
              ? `it runs only ${condition}, and a module would add it unconditionally: check the same condition in the module's init or add the module only when it holds`
              : analysis.reason
                ? `${analysis.reason}${builtFrom(scan, analysis.local)}`
                : 'its result is used here';
            scan.todos.add(statement, `${manual} (not moved automatically: ${reason}).`, labelOf(scan, call));
            return;
          }
          const name = subjectName(call.arguments[0]) ?? (method === 'addProcessor' ? 'Processor' : 'EntityProvider');
          const constName = `catalogModule${name}`;
          const modulePath = posix.join(modulesDirFor(scan.file.path), `${constName}.ts`);
          if (scan.created.some((f) => f.path === modulePath) || scan.context.readFile(modulePath) !== undefined) {
            scan.todos.add(statement, `${manual} (not moved automatically: ${modulePath} already exists).`);
            return;
          }
          const moved = rewriteCall(source, statement, call, analysis.envUses, scan.family, scan.style, (use) =>
            fieldForm(use, scan.family, scan.imports, scan.context.facts),
          );
          const foreign = foreignCatalogNote(scan.family, builderModule, name, extensionModule);
          const todos = [...(foreign ? [foreign] : []), ...moved.todos];
          const moduleSource = renderModule({
            family: scan.family,
            style: scan.style,
            pluginId: target.pluginId,
            moduleId: kebabCase(name),
            constName,
            extensionPoint: { name: target.extensionPoint, module: extensionModule },
            services: moved.services,
            imports: moduleImports(analysis.imports, scan.imports, scan.file.path, modulePath),
            legacyHelpers: moved.helpers,
            call: moved.call,
            todos,
          });
          scan.created.push({ path: modulePath, status: 'created', source: moduleSource });
          for (const todo of todos)
            scan.createdSteps.push({
              path: modulePath,
              line: lineAt(moduleSource, moduleSource.indexOf(`TODO(forklift): ${todo}`)),
              message: todo,
            });
          scan.todos.add(statement, movedToModuleMessage(constName, relativeSpecifier(scan.file.path, modulePath)));
        });
    });
}

/**
 * A backstage-family module built from a catalog that is not Backstage's (`CatalogBuilder` of an in-repo package):
 * the module hands the call's subject to Backstage's catalog, whose processor and provider types it was not
 * written against, so a person checks it fits (the type-check shows where it does not).
 */
function foreignCatalogNote(family: ImportFamily, builderModule: string, subject: string, extensionModule: string): string | undefined {
  if (family !== 'backstage' || builderModule.startsWith('@backstage/')) return undefined;
  return (
    `\`${subject}\` was written for the catalog of ${builderModule}, not Backstage's; this module gives it to Backstage's ` +
    `catalog through ${extensionModule}, so make it fit Backstage's catalog types (its Entity comes from @backstage/catalog-model) ` +
    `before adding the module to the backend`
  );
}

/** Scaffolder actions, search collators, auth providers and permission policies: a TODO naming their new home. */
function pointAtOtherExtensionPoints(scan: FileScan, body: LooseNode[]): void {
  const { j, root } = scan.parsed;
  const importedModules = body.filter((s) => s.type === 'ImportDeclaration').map((s) => String(s.source.value));
  for (const builder of OTHER_BUILDERS) {
    if (builder.onlyWithImportFrom && !importedModules.some((m) => builder.onlyWithImportFrom!.test(m))) continue;
    const hits: LoosePath[] = [];
    if (builder.kind === 'call')
      root.find(j.CallExpression, { callee: { type: 'Identifier', name: builder.name } }).forEach((p: LoosePath) => hits.push(p));
    if (builder.kind === 'method')
      root
        .find(j.CallExpression, { callee: { type: 'MemberExpression', property: { name: builder.name } } })
        .forEach((p: LoosePath) => hits.push(p));
    if (builder.kind === 'option') root.find(j.ObjectProperty, { key: { name: builder.name } }).forEach((p: LoosePath) => hits.push(p));
    for (const hit of hits) {
      const statement = statementOf(hit);
      if (statement) scan.todos.add(statement, builder.todo);
    }
  }
}

/**
 * The condition a builder call runs under inside the function that creates the builder (`under \`if
 * (isMicrocksEnabled)\``), or undefined when it always runs there.
 */
function conditionOf(scan: FileScan, callPath: LoosePath, createPath: LoosePath): string | undefined {
  const source = scan.file.source;
  const isFunction = (type: string) =>
    /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod)$/.test(type);
  let owner = createPath.parent;
  while (owner && !isFunction(owner.node.type)) owner = owner.parent;
  for (let p = callPath; p.parent && p.parent.node !== owner?.node; p = p.parent) {
    const parent = p.parent.node;
    if (parent.type === 'IfStatement' && p.name !== 'test') {
      const test = source.slice(parent.test.start, parent.test.end).replace(/\s+/g, ' ');
      return `${p.name === 'alternate' ? 'in the else branch of' : 'under'} \`if (${test})\``;
    }
    if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(parent.type) && p.name === 'body') return 'inside a loop';
    if (parent.type === 'SwitchCase') return 'in a `switch` case';
    if (parent.type === 'CatchClause') return 'in a `catch` block';
    if ((parent.type === 'ConditionalExpression' && p.name !== 'test') || (parent.type === 'LogicalExpression' && p.name === 'right'))
      return 'under the condition around it';
    if (isFunction(parent.type)) return 'inside a nested function';
  }
  return undefined;
}

/** How a grouped step lists one call: its first argument as written when short, else what it constructs. */
function labelOf(scan: FileScan, call: LooseNode): string | undefined {
  const first = call.arguments[0];
  if (!first) return undefined;
  const text = scan.file.source.slice(first.start, first.end);
  return text.length <= 40 && !text.includes('\n') ? `\`${text}\`` : subjectName(first);
}

/** The TODO text for a builder call that stays: the extension point method (and import) or config that replaces it. */
function homeOf(home: CatalogMethodHome | undefined, scan: FileScan, builderModule: string): string {
  if (!home)
    return 'the new catalog plugin offers no extension point or config for this builder method (checked against @backstage/plugin-catalog-node): what it does is lost once the backend runs the new catalog, unless you rebuild it another way.';
  if (home.kind === 'config') return home.note;
  const from = catalogExtensionPointModule(home.extensionPoint, scan.family, builderModule, scan.context.facts.versions);
  const backstage = from.startsWith('@backstage/') ? '' : ' (Backstage: `@backstage/plugin-catalog-node`)';
  const location = exportLocationInRepository('@backstage/plugin-catalog-node', home.extensionPoint, scan.context.facts.versions?.packages);
  const missing =
    scan.family === 'backstage' && location.kind === 'missing'
      ? ` (the @backstage/plugin-catalog-node release this repository's versions match does not export it yet${location.minimum ? `; it does from ${location.minimum}` : ''}: upgrade first)`
      : '';
  return `in a catalog module, call \`catalog.${home.method}(...)\` on \`${home.extensionPoint}\` from \`${from}\`${backstage}${missing}${home.note ? `: ${home.note}` : ''}.`;
}

/**
 * Where the local a call uses comes from, so the TODO names what builds it: `; \`githubProvider\` is built by
 * \`GithubEntityProvider.fromConfig(...)\``.
 */
function builtFrom(scan: FileScan, local: string | undefined): string {
  if (!local) return '';
  const { j, root } = scan.parsed;
  const declarator: LooseNode | undefined = root.find(j.VariableDeclarator, { id: { type: 'Identifier', name: local } }).nodes()[0];
  if (!declarator?.init) return '';
  const init = unwrapAwait(declarator.init);
  const callee =
    init.type === 'NewExpression' && init.callee.type === 'Identifier'
      ? `new ${init.callee.name}`
      : init.type === 'CallExpression'
        ? scan.file.source.slice(init.callee.start, init.callee.end)
        : undefined;
  if (!callee || callee.includes('\n')) return '';
  return `; \`${local}\` is built by \`${callee}(...)\`: make that call in the module's init, with the env fields it reads as core service deps`;
}

/** `src/plugins/catalog.ts` -> `src/modules`; any other folder gets a `modules` folder of its own. */
function modulesDirFor(path: string): string {
  const dir = posix.dirname(path);
  return posix.basename(dir) === 'plugins' ? posix.join(posix.dirname(dir), 'modules') : posix.join(dir, 'modules');
}
