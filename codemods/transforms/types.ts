/**
 * The contract between the runner and the transforms. A transform is pure: it gets a file's text and the
 * repository facts, and returns the files it wants written, created or deleted plus the manual steps left.
 * Only the runner touches the disk.
 */
import type { ConfiguredAuthProvider } from '../analysis/authProviders';
import type { RepoVersions } from '../analysis/resolvedVersions';
import type { ImportFamily } from './shared/importFamily';

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  source: string;
}

export interface PackageFacts {
  name: string;
  /** Package folder relative to the root ('' for the root package). */
  dir: string;
  role: 'backend' | 'backend-plugin' | 'backend-plugin-module' | 'cli' | 'other';
  /** Entry source file relative to the root (e.g. `plugins/todo-backend/src/index.ts`), when found. */
  entry?: string;
  /** True when the entry exports a `default` made with `createBackendPlugin` (read from the code, or the built-in table). */
  migrated: boolean;
}

/** What the analysis learned about the whole repository, computed once per run before any transform. */
export interface RepoFacts {
  packages: PackageFacts[];
  /** Plugin id by package name, learned from the mount paths in backend index files (`/todo` -> `todo`). */
  pluginIdsByPackage: Record<string, string>;
  /**
   * The legacy wiring of each plugin package: the backend plugin files (`packages/backend/src/plugins/badges.ts`) a
   * legacy index mounts that call the package's router, by package name. What they pass is what the package's new
   * plugin has to keep. Absent when facts are made by hand (tests).
   */
  legacyPluginFiles?: Record<string, string[]>;
  /**
   * The versions the repository resolves for `@backstage/*` and `forklift` (lock file, else package.json ranges).
   * Absent when facts are made by hand (tests): transforms then fall back to their version-blind defaults.
   */
  versions?: RepoVersions;
  /**
   * The sign-in providers the root `app-config*.yaml` configures (`auth.providers.<key>`, with the files that do);
   * absent when no app-config could be read.
   */
  authProviders?: ConfiguredAuthProvider[];
}

export interface TransformContext {
  /** Absolute repository root. */
  root: string;
  facts: RepoFacts;
  /** `--target`: forces the output import family; otherwise each file keeps the family it came from. */
  target?: ImportFamily;
  /**
   * `--partial`: write a backend index even when some of its plugin mounts cannot be carried, keeping each
   * of them as a commented line under a TODO; without it such an index is left untouched and reported as an error.
   */
  partial?: boolean;
  /**
   * Every readable file of the repository as the run found it (the snapshot `readFile` answers from); absent
   * when the context is made by hand.
   */
  listFiles?(): string[];
  /** Reads another file of the repository (path relative to the root); undefined when it does not exist. */
  readFile(path: string): string | undefined;
  /**
   * What this run's other transforms made of the repository's files, given to a transform that `readsRunOutput`
   * once they are all done; absent when the context is made by hand.
   */
  runOutput?: RunOutput;
}

/** What the run's transforms made of one file. */
export interface MigratedFile {
  /** The file's text once they ran (canonical text: no BOM, `\n` endings); null when one deleted it. */
  text: string | null;
  /** The other files they created, rewrote (text) or deleted (null) while handling it. */
  sideFiles: Map<string, string | null>;
}

export interface RunOutput {
  /** The names of the transforms the run applied to the other files, in the order it applied them. */
  transforms: string[];
  /** What they made of `path`; undefined when the run changed nothing there (or did not handle it). */
  fileOf(path: string): MigratedFile | undefined;
}

export interface ManualStep {
  path: string;
  line: number;
  message: string;
}

export type FileOutcome =
  | { path: string; status: 'ok' | 'created'; source: string }
  | { path: string; status: 'unmodified' }
  | { path: string; status: 'deleted' }
  | { path: string; status: 'skipped'; message: string };

export interface TransformResult {
  /** The input file's outcome first, then any created or deleted files. */
  files: FileOutcome[];
  manualSteps: ManualStep[];
}

export interface Transform {
  /** Stable name used by `--only` and in reports, e.g. `backend-index`. */
  name: string;
  /** A cheap text check run before parsing; false means the transform does not apply to the file. */
  matches(file: SourceFile): boolean;
  /** Throws on a parse error; the runner reports it as `error` with the line. */
  apply(file: SourceFile, context: TransformContext): TransformResult;
  /**
   * True for a transform that reads what the other transforms made of other files (package-json): the runner
   * runs the files it matches after every other file, with `context.runOutput`.
   */
  readsRunOutput?: boolean;
}
