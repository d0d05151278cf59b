/** Builds small repositories on disk for runner tests. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const TEST_TRANSFORMS = path.join(__dirname, 'testTransforms.ts');

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@forklift.invalid', '-c', 'user.name=forklift test', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

/** `git init` + one commit of everything present. */
export function commitAll(root: string): void {
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
}
