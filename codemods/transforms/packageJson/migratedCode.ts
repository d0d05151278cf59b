/**
 * What the migration makes of one package's code, learned from the other transforms themselves. In a run of
 * all the registered source transforms, the runner hands over their results (context.runOutput), so no file
 * goes through them twice; otherwise (`--only` a few of them, a context made by hand) each source file of the
 * package goes through the registered source transforms here, as the runner would run them, from the same
 * snapshot. So the package-json transform never keeps its own copy of what backend-index, plugin-export or
 * catalog-module decide to import: their output is the one source of truth, in this run and in every later one.
 */
import { isScaffolding } from '../../analysis/scaffolding';
import { parserForPath } from '../shared/parser';
import type { MigratedFile, PackageFacts, Transform, TransformContext } from '../types';
import { importedPackages } from './importedPackages';

export interface MigratedCode {
  /**
   * Package name -> the first file of the migration's output (changed or created) that takes something from it
   * that the file did not take before (a rewritten file keeps its own imports: those are not the migration's).
   */
  introducedBy: Map<string, string>;
  /** Package name -> what the migration's output newly takes from it (`<specifier> <name>`, `*` for a whole module). */
  introducedNames: Map<string, Set<string>>;
  /** Packages the package's code imports as the run found it. */
  importedBefore: Set<string>;
  /** Packages the package's code imports once the migration is written (deleted files gone). */
  importedAfter: Set<string>;
}

/** The files of `pkg`: below its folder, and not below a nested package's folder. */
export function filesOfPackage(pkg: PackageFacts, packages: PackageFacts[], files: string[]): string[] {
  const inside = (dir: string, file: string) => dir === '' || file.startsWith(`${dir}/`);
  const nested = packages.filter((p) => p.dir !== pkg.dir && p.dir.length > pkg.dir.length && inside(pkg.dir, `${p.dir}/`));
  return files.filter((file) => inside(pkg.dir, file) && !nested.some((p) => inside(p.dir, file)));
}

/** A file the runner gives the source transforms: source code, and not scaffolding (the runner's own rule). */
function isMigratedFile(path: string, packages: PackageFacts[]): boolean {
  return parserForPath(path) !== undefined && !isScaffolding(path, packages);
}

/** Runs `transforms` over one file as the runner does: in order, each on the text the previous left. */
function migrateFile(path: string, source: string, transforms: Transform[], context: TransformContext): MigratedFile {
  let current = source;
  const sideFiles = new Map<string, string | null>();
  for (const transform of transforms) {
    const file = { path, source: current };
    if (!transform.matches(file)) continue;
    let result;
    try {
      result = transform.apply(file, context);
    } catch {
      // The file's own task reports the error; its code stays as it was.
      return { text: source, sideFiles: new Map<string, string | null>() };
    }
    for (const outcome of result.files) {
      const text =
        outcome.status === 'ok' || outcome.status === 'created' ? outcome.source : outcome.status === 'deleted' ? null : undefined;
      if (text === undefined) continue;
      if (outcome.path === path) {
        if (text === null) return { text: null, sideFiles };
        current = text;
      } else sideFiles.set(outcome.path, text);
    }
  }
  return { text: current, sideFiles };
}

/** True when the run applied exactly `transforms`, in that order: its results are theirs. */
function ranExactly(ran: readonly string[], transforms: Transform[]): boolean {
  return ran.length === transforms.length && transforms.every((t, i) => t.name === ran[i]);
}

/** What `transforms` make of one file: the run's own result when it ran them (nothing there: unchanged), else computed. */
function migratedFile(path: string, source: string, transforms: Transform[], context: TransformContext): MigratedFile {
  const run = context.runOutput;
  if (run && ranExactly(run.transforms, transforms)) return run.fileOf(path) ?? { text: source, sideFiles: new Map() };
  return migrateFile(path, source, transforms, context);
}

export function migratedCodeOf(pkg: PackageFacts, transforms: Transform[], context: TransformContext): MigratedCode {
  const all = context.listFiles?.() ?? (pkg.entry ? [pkg.entry] : []);
  const files = filesOfPackage(pkg, context.facts.packages, all)
    .filter((path) => isMigratedFile(path, context.facts.packages))
    .sort();
  const before = new Map<string, string>();
  const after = new Map<string, string | null>();
  const changed = new Set<string>();
  for (const path of files) {
    const source = context.readFile(path);
    if (source === undefined) continue;
    before.set(path, source);
    const migrated = migratedFile(path, source, transforms, context);
    if (migrated.text !== source) changed.add(path);
    if (!after.has(path) || migrated.text !== source) after.set(path, migrated.text);
    for (const [side, text] of migrated.sideFiles) {
      // A file created in another package is that package's dependency, not this one's.
      if (filesOfPackage(pkg, context.facts.packages, [side]).length === 0) continue;
      after.set(side, text);
      changed.add(side);
    }
  }
  const importsBefore = new Map<string, Map<string, Set<string>>>();
  const importedBefore = new Set<string>();
  for (const [path, source] of before) {
    const imports = importedPackages(path, source);
    if (imports) importsBefore.set(path, imports);
    imports?.forEach((_, p) => importedBefore.add(p));
  }
  const importedAfter = new Set<string>();
  const introducedBy = new Map<string, string>();
  const introducedNames = new Map<string, Set<string>>();
  for (const [path, text] of [...after].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (text === null) continue;
    const imports = importedPackages(path, text);
    imports?.forEach((taken, p) => {
      importedAfter.add(p);
      const had = importsBefore.get(path)?.get(p);
      const isNew = !had || [...taken].some((t) => !had.has(t));
      if (!changed.has(path) || !isNew) return;
      if (!introducedBy.has(p)) introducedBy.set(p, path);
      const names = introducedNames.get(p) ?? new Set<string>();
      for (const t of taken) if (!had?.has(t)) names.add(t);
      introducedNames.set(p, names);
    });
  }
  return { introducedBy, introducedNames, importedBefore, importedAfter };
}
