/**
 * Type-checks whole monorepo trees (codemod `after` trees, the migrated sample) in ONE TypeScript program, so
 * the framework sources and the libraries' declarations are parsed and bound once for all of them.
 *
 * Each tree is its own little world: its files resolve the tree's own workspace packages (found from its
 * package.json files, or from its own tsconfig.json `paths` when it has one), `forklift/*` resolves to the repo
 * sources through the repo tsconfig's `paths`, and everything else (express, winston, knex, ...) resolves from
 * the repo root as an installed package would, never from another tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface TreeSpec {
  /** Absolute directory of the tree. */
  dir: string;
  /** Files to check (absolute). */
  files: string[];
  /** A tsconfig.json of the tree's own whose `paths` resolve its imports; package.json scanning otherwise. */
  tsconfig?: string;
}

export interface TreeDiagnostic {
  /** Absolute path of the file, or undefined for program-wide diagnostics. */
  file?: string;
  /** 1-based. */
  line: number;
  column: number;
  code: number;
  /** `syntactic`: the file does not parse; the others come from the checker and declaration emit. */
  kind: 'syntactic' | 'semantic' | 'declaration' | 'program';
  message: string;
}

export interface TreeCheck {
  /** Diagnostics of the given files only (never of the framework sources or libraries they pull in). */
  diagnosticsOf(file: string): TreeDiagnostic[];
  /** Options and global diagnostics: a broken setup, not a broken tree. */
  programDiagnostics(): TreeDiagnostic[];
}

const TS_FILE = /\.(ts|tsx|mts|cts)$/;

export function isTypeScriptFile(file: string): boolean {
  return TS_FILE.test(file);
}

/** The repo tsconfig's options, as the compiler would use them, for checking only. */
function repoCompilerOptions(repoRoot: string): ts.CompilerOptions {
  const parsed = parseTsconfig(path.join(repoRoot, 'tsconfig.json'));
  return {
    ...parsed.options,
    noEmit: true,
    // One program holds many unrelated trees: a file without import/export must not share the global scope
    // with the other trees (each file is its own CommonJS module when it runs anyway).
    moduleDetection: ts.ModuleDetectionKind.Force,
    // The trees hold no tests; jest's globals would only hide a missing import.
    types: (parsed.options.types ?? []).filter((t) => t !== 'jest'),
  };
}

function parseTsconfig(file: string): ts.ParsedCommandLine {
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  // TS18003 "no inputs": only the options are used here (files are listed by the caller), so a tsconfig whose
  // `include` selects nothing still says everything needed about module resolution.
  const errors = parsed.errors.filter((e) => e.code !== 18003);
  if (errors.length > 0) {
    throw new Error(`${file}: ${errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('; ')}`);
  }
  return parsed;
}

/** Options that only say where modules are, not how strictly code is checked. */
const RESOLUTION_ONLY = new Set(['baseUrl', 'paths', 'pathsBasePath', 'noEmit', 'configFilePath']);

/**
 * A tree with its own tsconfig.json is checked with the repo's options (one program has one set), so its own
 * tsconfig may differ only in where modules are. Anything else would be silently ignored here: refuse it.
 */
function assertSameCheckingOptions(tsconfig: string, own: ts.CompilerOptions, repoRoot: string): void {
  const base = parseTsconfig(path.join(repoRoot, 'tsconfig.json')).options;
  const keys = new Set([...Object.keys(own), ...Object.keys(base)].filter((k) => !RESOLUTION_ONLY.has(k)));
  const differing = [...keys].filter((k) => JSON.stringify(own[k]) !== JSON.stringify(base[k]));
  if (differing.length > 0) {
    throw new Error(
      `${tsconfig} changes checking options (${differing.join(', ')}) that this one-program check cannot honour; ` +
        `keep them in the repo tsconfig.json or check that tree with a program of its own.`,
    );
  }
}

/** Workspace package name -> its entry source file, from every package.json of the tree. */
function workspacePackages(dir: string, files: readonly string[]): Map<string, { dir: string; entry?: string }> {
  const packages = new Map<string, { dir: string; entry?: string }>();
  for (const file of files.filter((f) => path.basename(f) === 'package.json')) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; main?: string; types?: string };
    if (!manifest.name) continue;
    const packageDir = path.dirname(file);
    if (packages.has(manifest.name)) {
      throw new Error(`${dir}: two package.json files are named ${manifest.name}; workspace names must be unique.`);
    }
    // Sources run through tsx in these trees, so `main` usually names a .ts file; a built `dist/*.js` main falls
    // back to the conventional src/index.ts.
    const entry = [manifest.types, manifest.main, 'src/index.ts', 'src/index.tsx']
      .filter((p): p is string => typeof p === 'string' && isTypeScriptFile(p))
      .map((p) => path.resolve(packageDir, p))
      .find((p) => fs.existsSync(p));
    packages.set(manifest.name, { dir: packageDir, entry });
  }
  return packages;
}

function extensionOf(file: string): ts.Extension {
  if (file.endsWith('.d.ts')) return ts.Extension.Dts;
  if (file.endsWith('.tsx')) return ts.Extension.Tsx;
  if (file.endsWith('.mts')) return ts.Extension.Mts;
  if (file.endsWith('.cts')) return ts.Extension.Cts;
  return ts.Extension.Ts;
}

interface TreeResolver {
  dir: string;
  resolve(name: string, containingFile: string): ts.ResolvedModuleWithFailedLookupLocations | undefined;
}

export interface CheckSettings {
  /**
   * A folder with its own node_modules (a prefix of published packages, e.g. test/published-backstage/current):
   * bare names resolve from it first, as they would in a repository that installed those packages.
   */
  modulesFrom?: string;
}

export function checkTrees(repoRoot: string, trees: readonly TreeSpec[], settings: CheckSettings = {}): TreeCheck {
  const options = repoCompilerOptions(repoRoot);
  const host = ts.createCompilerHost(options);
  // Bare names resolve as if imported from the repo root: an installed package, or `forklift/*` via `paths`.
  const repoAnchor = path.join(repoRoot, 'package.json');
  const prefixAnchor = settings.modulesFrom ? path.join(settings.modulesFrom, 'package.json') : undefined;
  const fromPrefix = (name: string) => {
    if (!prefixAnchor) return undefined;
    const hit = ts.resolveModuleName(name, prefixAnchor, { ...options, paths: undefined }, host);
    return hit.resolvedModule ? hit : undefined;
  };

  const resolvers: TreeResolver[] = trees.map((tree) => {
    const dir = tree.dir.endsWith(path.sep) ? tree.dir : tree.dir + path.sep;
    if (tree.tsconfig) {
      const own = parseTsconfig(tree.tsconfig).options;
      assertSameCheckingOptions(tree.tsconfig, own, repoRoot);
      return {
        dir,
        resolve: (name, containingFile) => {
          const hit = ts.resolveModuleName(name, containingFile, own, host);
          return hit.resolvedModule ? hit : undefined;
        },
      };
    }
    const packages = workspacePackages(tree.dir, listFiles(tree.dir));
    return {
      dir,
      resolve: (name) => {
        const exact = packages.get(name);
        if (exact) {
          return exact.entry
            ? { resolvedModule: { resolvedFileName: exact.entry, extension: extensionOf(exact.entry), isExternalLibraryImport: false } }
            : undefined;
        }
        const owner = [...packages].find(([pkg]) => name.startsWith(`${pkg}/`));
        if (!owner) return undefined;
        const subpath = `./${name.slice(owner[0].length + 1)}`;
        const hit = ts.resolveModuleName(subpath, path.join(owner[1].dir, 'package.json'), options, host);
        return hit.resolvedModule ? hit : undefined;
      },
    };
  });

  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, compilerOptions) =>
    literals.map((literal) => {
      const name = literal.text;
      if (name.startsWith('.') || path.isAbsolute(name)) return ts.resolveModuleName(name, containingFile, compilerOptions, host);
      const tree = resolvers.find((r) => containingFile.startsWith(r.dir));
      if (!tree) return ts.resolveModuleName(name, containingFile, compilerOptions, host);
      return tree.resolve(name, containingFile) ?? fromPrefix(name) ?? ts.resolveModuleName(name, repoAnchor, compilerOptions, host);
    });

  const rootNames = trees.flatMap((t) => t.files);
  const program = ts.createProgram({ rootNames, options, host });

  const convert = (d: ts.Diagnostic, kind: TreeDiagnostic['kind']): TreeDiagnostic => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return {
      file: d.file?.fileName,
      line: where ? where.line + 1 : 0,
      column: where ? where.character + 1 : 0,
      code: d.code,
      kind,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
  };

  return {
    diagnosticsOf(file) {
      const source = program.getSourceFile(file);
      if (!source) throw new Error(`${file} is not part of the checked program`);
      return [
        ...program.getSyntacticDiagnostics(source).map((d) => convert(d, 'syntactic')),
        ...program.getSemanticDiagnostics(source).map((d) => convert(d, 'semantic')),
        ...program.getDeclarationDiagnostics(source).map((d) => convert(d, 'declaration')),
      ];
    },
    programDiagnostics() {
      return [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) => convert(d, 'program'));
    },
  };
}

/** Every file below `dir` (absolute paths), skipping node_modules. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

export function formatDiagnostic(d: TreeDiagnostic, relativeTo: string): string {
  const where = d.file ? `${path.relative(relativeTo, d.file).split(path.sep).join('/')}:${d.line}:${d.column}` : '(program)';
  return `${where} TS${d.code} [${d.kind}]: ${d.message}`;
}
