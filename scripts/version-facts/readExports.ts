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
