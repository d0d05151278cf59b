/**
 * The first step of a run: every listed file is either reported at once (templates, links, unreadable or
 * binary files, files no transform's text check matches) or becomes a task for the transforms. Nothing
 * is parsed here, so the number of tasks is known cheaply and sizes the worker pool. Once the analysis
 * knows the packages, scaffolding (analysis/scaffolding.ts) is set aside too: no transform sees it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isScaffolding, SCAFFOLDING_MESSAGE, type CachedSourceReader, type RepoEntry } from '../analysis';
import type { PackageFacts } from '../transforms/types';
import type { Transform } from '../transforms/types';
import { looksBinary, normalizeText } from './textEncoding';
import type { FileReport, FileTask } from './types';

export interface Triage {
  /** Files whose report is known without running a transform. */
  immediate: FileReport[];
  /** Files at least one transform's text check matches, with their text exactly as on disk. */
  tasks: FileTask[];
  /** Every readable text source file with its starting text. */
  startTexts: Map<string, string>;
}

export function triageFiles(root: string, files: RepoEntry[], reader: CachedSourceReader, transforms: Transform[]): Triage {
  const immediate: FileReport[] = [];
  const tasks: FileTask[] = [];
  const startTexts = new Map<string, string>();
  const skip = (entry: RepoEntry, status: 'skipped' | 'error', message: string) =>
    immediate.push({ path: entry.path, status, transform: '', message });
  for (const entry of files) {
    if (entry.kind === 'template') skip(entry, 'skipped', 'template (.hbs): never rewritten');
    else if (entry.kind === 'symlink') skip(entry, 'skipped', 'symbolic link: never followed');
    else if (entry.kind === 'source' || entry.kind === 'manifest') {
      const text = reader.read(entry.path);
      if (text === undefined) skip(entry, 'error', 'cannot be read: check its permissions');
      else if (looksBinary(text, () => fs.readFileSync(path.join(root, entry.path)))) {
        skip(entry, 'skipped', 'binary or not UTF-8 text: never rewritten');
      } else {
        startTexts.set(entry.path, text);
        const file = { path: entry.path, source: normalizeText(text) };
        if (transforms.some((t) => t.matches(file))) tasks.push({ path: entry.path, source: text });
        // A manifest no transform reads (--only without package-json) stays out of the report, as before.
        else if (entry.kind === 'source') immediate.push({ path: entry.path, status: 'unmodified', transform: '' });
      }
    }
  }
  return { immediate, tasks, startTexts };
}

/**
 * Tasks in scaffolding (a `templates/` folder, a `cli` package) are reported `skipped` instead of run: one
 * rule for every transform, so none rewrites a template or creates files next to one.
 */
export function setAsideScaffolding(tasks: FileTask[], packages: readonly PackageFacts[]): { run: FileTask[]; skipped: FileReport[] } {
  const run: FileTask[] = [];
  const skipped: FileReport[] = [];
  for (const task of tasks) {
    if (isScaffolding(task.path, packages))
      skipped.push({ path: task.path, status: 'skipped', transform: '', message: SCAFFOLDING_MESSAGE });
    else run.push(task);
  }
  return { run, skipped };
}
