/**
 * Whoever takes the code over finds every contract inside the repository: no tracked file may point at a
 * document that lives elsewhere, and every relative link in the Markdown files lands on a tracked file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter((file) => file.length > 0 && fs.existsSync(path.join(ROOT, file)));
}

function readText(file: string): string | undefined {
  const buffer = fs.readFileSync(path.join(ROOT, file));
  return buffer.subarray(0, 8000).includes(0) ? undefined : buffer.toString('utf8');
}

// Spelled in pieces so this file does not mention it itself.
const OUTSIDE_DOCUMENT = new RegExp(['DESIGN', 'md'].join('\\.'), 'i');

describe('the repository documents itself', () => {
  const files = trackedFiles();

  it('has no file that mentions the design document kept outside the repository', () => {
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => OUTSIDE_DOCUMENT.test(readText(file) ?? ''));
    expect(offenders).toEqual([]);
  });

  it('has Markdown links that land on files of the repository', () => {
    const tracked = new Set(files);
    const trackedDirs = new Set(files.flatMap((file) => file.split('/').map((_, i, parts) => parts.slice(0, i).join('/'))));
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.md') && !f.includes('/fixtures/'))) {
      for (const match of (readText(file) ?? '').matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1].split('#')[0];
        if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // anchors and URLs
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target)).replace(/\/$/, '');
        if (resolved.startsWith('..') || !(tracked.has(resolved) || trackedDirs.has(resolved))) broken.push(`${file}: ${match[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
