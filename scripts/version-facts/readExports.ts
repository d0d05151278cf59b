/**
 * Which names an entry of an unpacked package exports, read from its type declarations with the TypeScript
 * compiler API (the declarations are what a type-check of the generated code sees).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type EntryPoint = '.' | './alpha';

interface PackageJson {
  types?: string;
  typings?: string;
  exports?: Record<string, unknown> | string;
}

function typesOfExport(target: unknown): string | undefined {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : undefined;
  if (target && typeof target === 'object') {
    const conditions = target as Record<string, unknown>;
    if (typeof conditions.types === 'string') return conditions.types;
    for (const value of Object.values(conditions)) {
      const found = typesOfExport(value);
      if (found) return found;
    }
  }
  return undefined;
}

/** The declaration file of an entry point, or undefined when the package has no such entry. */
export function declarationFile(dir: string, entry: EntryPoint): string | undefined {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  const candidates: string[] = [];
  if (pkg.exports && typeof pkg.exports === 'object' && entry in pkg.exports) {
    const types = typesOfExport(pkg.exports[entry]);
    if (types) candidates.push(types);
  } else if (pkg.exports && typeof pkg.exports === 'object' && Object.keys(pkg.exports).some((k) => k.startsWith('.'))) {
    return undefined; // an exports map without this entry: importing it fails
  } else if (entry === '.') {
    candidates.push(pkg.types ?? pkg.typings ?? 'index.d.ts');
  } else {
    // Before exports maps: an `alpha/package.json` pointing at the declarations.
    const alphaManifest = path.join(dir, 'alpha', 'package.json');
    if (fs.existsSync(alphaManifest)) {
      const alpha = JSON.parse(fs.readFileSync(alphaManifest, 'utf8')) as PackageJson;
      const types = alpha.types ?? alpha.typings;
      if (types) candidates.push(path.join('alpha', types));
    }
  }
  return candidates.map((c) => path.join(dir, c)).find((file) => fs.existsSync(file));
}

/** Every name a declaration file exports (`default` included), following `export * from './x'`. */
export function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement)) names.add('default');
    else if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) names.add(element.name.text);
      } else if (!statement.exportClause && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const target = resolveRelative(file, statement.moduleSpecifier.text);
        if (target) for (const name of exportedNames(target, seen)) if (name !== 'default') names.add(name);
      }
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) names.add('default');
      else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
        }
      } else {
        const name = (statement as ts.DeclarationStatement).name;
        if (name && ts.isIdentifier(name)) names.add(name.text);
      }
    }
  }
  return names;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.d.ts`, path.join(base, 'index.d.ts')].find((f) => fs.existsSync(f));
}

/**
 * The member names of `name` as a declaration file exports it (following `export { a as name }` and
 * `export * from './x'`): an interface's, namespace's, class's or type literal's members, merged over every
 * declaration of that name; for a function, the property names its signature declares anywhere. Undefined
 * when the file does not export `name`.
 */
export function exportedMembers(file: string, name: string, seen = new Set<string>()): Set<string> | undefined {
  const key = `${file}#${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const local = localDeclarations(source, name);
  if (local.length > 0) return membersOf(source, local);
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const element = statement.exportClause.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const original = (element.propertyName ?? element.name).text;
      if (from === undefined) {
        const renamed = original === name ? [] : localDeclarations(source, original);
        if (renamed.length > 0) return membersOf(source, renamed);
        continue;
      }
      const target = resolveRelative(file, from);
      return target ? exportedMembers(target, original, seen) : undefined;
    }
    if (!statement.exportClause && from) {
      const target = resolveRelative(file, from);
      const found = target ? exportedMembers(target, name, seen) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

type MemberCarrier =
  | ts.InterfaceDeclaration
  | ts.ModuleDeclaration
  | ts.ClassDeclaration
  | ts.TypeAliasDeclaration
  | ts.VariableDeclaration
  | ts.FunctionDeclaration;

function localDeclarations(source: ts.SourceFile, name: string): MemberCarrier[] {
  const found: MemberCarrier[] = [];
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) found.push(d);
    } else if (
      (ts.isInterfaceDeclaration(statement) ||
        ts.isModuleDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isFunctionDeclaration(statement)) &&
      statement.name &&
      ts.isIdentifier(statement.name) &&
      statement.name.text === name
    ) {
      found.push(statement);
    }
  }
  return found;
}

function membersOf(source: ts.SourceFile, declarations: MemberCarrier[], depth = 0): Set<string> {
  const names = new Set<string>();
  const addName = (n: ts.PropertyName | ts.BindingName | undefined) => {
    if (n && (ts.isIdentifier(n) || ts.isStringLiteral(n))) names.add(n.text);
  };
  const addTypeMembers = (type: ts.TypeNode | undefined) => {
    if (type && ts.isTypeLiteralNode(type)) for (const m of type.members) addName(m.name);
    // `declare const coreServices: CoreServices`: the members of the interface or type it names, in this file.
    if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && depth < 3) {
      for (const n of membersOf(source, localDeclarations(source, type.typeName.text), depth + 1)) names.add(n);
    }
  };
  for (const d of declarations) {
    if (ts.isInterfaceDeclaration(d) || ts.isClassDeclaration(d)) for (const m of d.members) addName(m.name);
    else if (ts.isModuleDeclaration(d) && d.body && ts.isModuleBlock(d.body)) {
      for (const s of d.body.statements) {
        if (ts.isVariableStatement(s)) for (const v of s.declarationList.declarations) addName(v.name);
        else if ((ts.isFunctionDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s)) && s.name) addName(s.name);
      }
    } else if (ts.isTypeAliasDeclaration(d)) addTypeMembers(d.type);
    else if (ts.isVariableDeclaration(d) && d.type && !ts.isFunctionTypeNode(d.type)) addTypeMembers(d.type);
    else {
      // A function (or a variable typed as one): every property its signature declares, at any depth.
      const visit = (node: ts.Node): void => {
        if (ts.isPropertySignature(node)) addName(node.name);
        ts.forEachChild(node, visit);
      };
      visit(d);
    }
  }
  return names;
}
