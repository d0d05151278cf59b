/**
 * The TypeScript a repository builds with: its own `typescript` when installed (a newer or older compiler
 * judges code differently), else the one forklift ships with.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import ownTypeScript from 'typescript';

export type TypeScript = typeof ownTypeScript;

export interface LoadedCompiler {
  ts: TypeScript;
  /** Where it came from: `the repository` or `forklift`. */
  source: 'repository' | 'forklift';
  version: string;
}

export function loadCompiler(root: string): LoadedCompiler {
  try {
    const requireFromRoot = createRequire(path.join(root, 'package.json'));
    const ts = requireFromRoot('typescript') as TypeScript;
    if (typeof ts.createProgram === 'function') return { ts, source: 'repository', version: ts.version };
  } catch {
    // Not installed in the repository: forklift's own compiler checks it.
  }
  return { ts: ownTypeScript, source: 'forklift', version: ownTypeScript.version };
}
