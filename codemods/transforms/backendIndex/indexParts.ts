/**
 * The parts of a legacy index the statement reader works on, each read by its own step: its imports, the
 * statements that build the service, what a wrapper around a plugin factory may still use, and the local
 * helpers that mount what they are given.
 */
import type { JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import type { BodyItem } from './bodyItems';
import { identifierNamesInText } from './identifiers';
import { builderFunctionBody, exportedName, functionName, isHotReloadTail, isStartCall } from './legacyShapes';
import { textOf } from '../shared/nodeText';
import type { WrapperScope } from './wrapperArgs';

type Node = namedTypes.ASTNode;

const LOADED_CONFIG = /^(await\s+)?loadBackendConfig\(/;
const ENV_OF = /^(?:useHotMemoize\(\s*module\s*,\s*\(\)\s*=>\s*)?createEnv\(\s*(['"])([^'"]+)\1\s*\)/;

/** Step 1: the import declarations, every local name they bind, and the exported name behind each local. */
export function readImports(program: namedTypes.Program): {
  imports: namedTypes.ImportDeclaration[];
  importedNames: Set<string>;
  exportedNameOf: Map<string, string>;
} {
  const imports = program.body.filter((s): s is namedTypes.ImportDeclaration => s.type === 'ImportDeclaration');
  const importedNames = new Set<string>();
  const exportedNameOf = new Map<string, string>();
  for (const decl of imports) {
    for (const s of decl.specifiers ?? []) {
      if (!s.local) continue;
      const local = String(s.local.name);
      importedNames.add(local);
      if (s.type === 'ImportDefaultSpecifier') exportedNameOf.set(local, 'default');
      else if (s.type === 'ImportSpecifier') exportedNameOf.set(local, String(s.imported.name));
    }
  }
  return { imports, importedNames, exportedNameOf };
}

/**
 * Step 2: the statements that build the service, in order: top-level ones and the bodies of the functions
 * that call `createServiceBuilder` (`main`, an exported `startBackend`). Left out: imports, makeCreateEnv,
 * the hot-reload tail, the call that starts it all, the mount helpers and the types only they use.
 */
export function listStatements(
  program: namedTypes.Program,
  builderCalls: readonly number[],
  makeCreateEnvFn: Node | undefined,
  helpers: ReadonlySet<string>,
): { statements: Node[]; notices: BodyItem[] } {
  const body = program.body as Node[];
  const starters = new Set(
    body
      .filter((s) => builderFunctionBody(builderCalls, s))
      .map((s) => functionName(s))
      .filter((n): n is string => !!n),
  );
  const helperTypes = typesOnlyUsedBy(body, helpers);
  const statements: Node[] = [];
  const notices: BodyItem[] = [];
  for (const s of body) {
    if (s.type === 'ImportDeclaration') continue;
    if (s === makeCreateEnvFn || (s.type === 'VariableDeclaration' && s.declarations[0] === makeCreateEnvFn)) continue;
    if (isHotReloadTail(s) || isStartCall(s, starters)) continue;
    const name = functionName(s);
    if (name && helpers.has(name)) continue;
    if (declaredTypeName(s) && helperTypes.has(declaredTypeName(s)!)) continue;
    const fnBody = builderFunctionBody(builderCalls, s);
    if (!fnBody) {
      statements.push(s);
      continue;
    }
    const exported = exportedName(s);
    if (exported) {
      notices.push({
        kind: 'todo',
        message: `this file exported \`${exported}()\`, which built and started the backend; the backend now starts when this file runs, so make what imported it run this file instead`,
      });
    }
    statements.push(...fnBody);
  }
  return { statements, notices };
}

/** Step 3: what a wrapper around a plugin factory may still use: imports, the loaded config, and which names the index declared. */
export function readWrapperScope(statements: readonly Node[], importedNames: ReadonlySet<string>, source: string): WrapperScope {
  const locals = new Map<string, number>();
  const envVariables = new Map<string, string>();
  let configVar: string | undefined;
  for (const s of statements) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations as namedTypes.VariableDeclarator[]) {
      if (d.id.type !== 'Identifier') continue;
      locals.set(d.id.name, d.loc?.start.line ?? 0);
      const init = d.init ? textOf(source, d.init as Node) : '';
      if (LOADED_CONFIG.test(init)) configVar = d.id.name;
      const envName = ENV_OF.exec(init)?.[2];
      if (envName !== undefined) envVariables.set(d.id.name, envName);
    }
  }
  return { imported: importedNames, configVar, locals, envVariables, hasEnvType: importedNames.has('PluginEnvironment') };
}

/**
 * Local functions that mount what they are given: not the functions that build the service, but ones whose
 * body calls `.use(path, router)` / `.addRouter(path, router)` (`addPlugin`, `addRouter` helpers).
 */
export function mountHelperNames(j: JSCodeshift, program: namedTypes.Program, builderCalls: readonly number[]): Set<string> {
  const names = new Set<string>();
  for (const s of program.body as Node[]) {
    const name = functionName(s);
    if (!name || builderFunctionBody(builderCalls, s)) continue;
    const mounts = j(s as never)
      .find(j.CallExpression)
      .filter((p) => {
        const callee = p.node.callee;
        return (
          callee.type === 'MemberExpression' &&
          callee.property.type === 'Identifier' &&
          (callee.property.name === 'use' || callee.property.name === 'addRouter') &&
          p.node.arguments.length >= 2
        );
      });
    const isFunction = /Function|Arrow/.test(JSON.stringify(s, ['type', 'declarations', 'init', 'declaration']));
    if (mounts.length > 0 && isFunction) names.add(name);
  }
  return names;
}

/** Top-level type declarations mentioned only by the helpers (and each other): they go with the helpers. */
function typesOnlyUsedBy(body: readonly Node[], helpers: ReadonlySet<string>): Set<string> {
  if ([...helpers].every((h) => h === '')) return new Set();
  const typeNames = new Set(body.map(declaredTypeName).filter((n): n is string => !!n));
  const mentionedElsewhere = new Set<string>();
  for (const s of body) {
    const name = functionName(s);
    if (declaredTypeName(s) || (name && helpers.has(name)) || s.type === 'ImportDeclaration') continue;
    for (const id of identifierNamesInText(
      JSON.stringify(s, [
        'type',
        'name',
        'body',
        'declarations',
        'init',
        'id',
        'typeAnnotation',
        'typeName',
        'params',
        'returnType',
        'expression',
        'arguments',
        'callee',
        'declaration',
        'typeParameters',
      ]),
    )) {
      if (typeNames.has(id)) mentionedElsewhere.add(id);
    }
  }
  return new Set([...typeNames].filter((n) => !mentionedElsewhere.has(n)));
}

function declaredTypeName(s: Node): string | undefined {
  const d = s.type === 'ExportNamedDeclaration' && s.declaration ? (s.declaration as Node) : s;
  if (d.type === 'TSTypeAliasDeclaration' || d.type === 'TSInterfaceDeclaration') return (d.id as { name?: string }).name;
  return undefined;
}
