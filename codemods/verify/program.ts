/**
 * One type-check of a set of files with the repository's own tsconfig.json, on a view of the repository
 * where some files have other text (the state before the migration, or its result in a dry run). Only the
 * given files' diagnostics are returned; libraries and other files are read, never judged.
 */
import path from 'node:path';
import type { TypeScript } from './compiler';

export interface FileDiagnostic {
  /** Path relative to the root, with forward slashes. */
  path: string;
  /** 1-based. */
  line: number;
  code: number;
  message: string;
}

/** Text each file has in the state being checked; `null` means the file does not exist in it. */
export type Overlay = ReadonlyMap<string, string | null>;

export interface CheckSetup {
  ts: TypeScript;
  root: string;
  options: import('typescript').CompilerOptions;
}

/** The compiler options of the repository's tsconfig.json (or TypeScript's defaults for a repo without one). */
export function readCompilerOptions(ts: TypeScript, root: string): { options: import('typescript').CompilerOptions; tsconfig?: string } {
  const tsconfig = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  const forChecking = { noEmit: true, incremental: false, composite: false };
  if (!tsconfig || !path.resolve(tsconfig).startsWith(path.resolve(root))) {
    return { options: { ...forChecking, esModuleInterop: true, skipLibCheck: true, allowJs: false } };
  }
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
  return { options: { ...parsed.options, ...forChecking }, tsconfig };
}

export function createOverlayHost(setup: CheckSetup, overlay: Overlay): import('typescript').CompilerHost {
  const { ts, root, options } = setup;
  const host = ts.createCompilerHost(options, true);
  const relative = (file: string) => path.relative(root, path.resolve(file)).split(path.sep).join('/');
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => {
    const text = overlay.get(relative(file));
    return text === undefined ? fileExists(file) : text !== null;
  };
  host.readFile = (file) => {
    const text = overlay.get(relative(file));
    return text === undefined ? readFile(file) : (text ?? undefined);
  };
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const text = overlay.get(relative(file));
    if (text === undefined) return getSourceFile(file, languageVersion, onError, shouldCreate);
    return text === null ? undefined : ts.createSourceFile(file, text, languageVersion, true);
  };
  return host;
}

/** Diagnostics of `files` (relative paths) in the state the overlay describes; files absent there are left out. */
export function diagnose(setup: CheckSetup, overlay: Overlay, files: readonly string[]): FileDiagnostic[] {
  const { ts, root, options } = setup;
  const host = createOverlayHost(setup, overlay);
  const present = files.filter((f) => host.fileExists(path.join(root, f)));
  const program = ts.createProgram({ rootNames: present.map((f) => path.join(root, f)), options, host });
  return present.flatMap((file) => {
    const source = program.getSourceFile(path.join(root, file));
    if (!source) return [];
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
      path: file,
      line: d.start === undefined ? 1 : source.getLineAndCharacterOfPosition(d.start).line + 1,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    }));
  });
}
