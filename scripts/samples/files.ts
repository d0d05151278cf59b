import fs from 'fs';
import path from 'path';
import fg from 'fast-glob';

const NOT_SAMPLE_FILES = ['**/node_modules/**', '**/.git/**', '**/dist/**'];

/** Copies a sample's files (no node_modules, no .git) into `to`, which must not exist yet or be empty. */
export function copySample(from: string, to: string): void {
  if (fs.existsSync(to) && fs.readdirSync(to).length > 0) {
    throw new Error(`Cannot copy ${from} into ${to}: the target exists and is not empty; pass a fresh directory.`);
  }
  for (const file of listFiles(from)) {
    const target = path.join(to, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, file), target);
  }
}

/** A sample's files, relative to its folder, sorted. */
export function listFiles(dir: string): string[] {
  return fg.sync('**/*', { cwd: dir, dot: true, ignore: NOT_SAMPLE_FILES, onlyFiles: true }).sort();
}
