/** Whole-directory helpers for fixture and safety tests: copy, read every file, compare byte for byte. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `forklift-${prefix}-`));
}

export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/** Every regular file below `dir` (relative paths, forward slashes) with its bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.set(child, fs.readFileSync(path.join(dir, child)));
    }
  };
  if (fs.existsSync(dir)) walk('');
  return files;
}

/** Differences between two trees, as readable lines; empty when they are identical. */
export function treeDifferences(actual: Map<string, Buffer>, expected: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  for (const file of expected.keys()) if (!actual.has(file)) problems.push(`missing: ${file}`);
  for (const file of actual.keys()) if (!expected.has(file)) problems.push(`unexpected: ${file}`);
  for (const [file, bytes] of expected) {
    const got = actual.get(file);
    if (got && !got.equals(bytes)) {
      problems.push(`differs: ${file}\n--- expected\n${bytes.toString('utf8')}\n--- actual\n${got.toString('utf8')}`);
    }
  }
  return problems;
}
