/**
 * Small transforms for testing the runner on its own: each exercises one runner path (a rewrite, a manual
 * step, a created file, a throw, an output that does not parse). Loaded by module path, like the registry.
 */
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import jscodeshift from 'jscodeshift';
import { parserForPath } from '../../../codemods/transforms/shared/parser';
import type { Transform } from '../../../codemods/transforms/types';

function parse(file: { path: string; source: string }) {
  return jscodeshift.withParser(parserForPath(file.path) ?? 'ts')(file.source);
}

/** `legacyCall(...)` -> `modernCall(...)`; leaves a TODO where `needsHelp` appears. */
export const renameCall: Transform = {
  name: 'rename-call',
  matches: (file) => file.source.includes('legacyCall') || file.source.includes('needsHelp'),
  apply(file) {
    const root = parse(file);
    const j = jscodeshift;
    let changed = false;
    root.find(j.Identifier, { name: 'legacyCall' }).forEach((p) => {
      p.node.name = 'modernCall';
      changed = true;
    });
    const steps: Array<{ path: string; line: number; message: string }> = [];
    root.find(j.Identifier, { name: 'needsHelp' }).forEach((p) => {
      const statement = j(p).closest(j.Statement);
      const node = statement.size() > 0 ? statement.get().node : undefined;
      if (node && !file.source.includes('TODO(forklift): decide what needsHelp')) {
        node.comments = [...(node.comments ?? []), j.commentLine(' TODO(forklift): decide what needsHelp becomes', true, false)];
        changed = true;
        steps.push({ path: file.path, line: p.node.loc?.start.line ?? 0, message: 'decide what needsHelp becomes' });
      }
    });
    if (!changed) return { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
    return { files: [{ path: file.path, status: 'ok', source: root.toSource() }], manualSteps: steps };
  },
};

/** `splitMe()` moves into a created sibling `split.ts`, and the file imports it from there. */
export const splitOut: Transform = {
  name: 'split-out',
  matches: (file) => file.source.includes('export function splitMe') && !file.path.endsWith('/split.ts'),
  apply(file) {
    parse(file);
    const created = path.posix.join(path.posix.dirname(file.path), 'split.ts');
    return {
      files: [
        {
          path: file.path,
          status: 'ok',
          source: file.source.replace(/export function splitMe[\s\S]*?\n}\n/, "export { splitMe } from './split';\n"),
        },
        { path: created, status: 'created', source: 'export function splitMe() {\n  return 1;\n}\n' },
      ],
      manualSteps: [],
    };
  },
};

/** Deletes files that say `deleteMe`. */
export const deleteMarked: Transform = {
  name: 'delete-marked',
  matches: (file) => file.source.includes('// deleteMe'),
  apply(file) {
    return { files: [{ path: file.path, status: 'deleted' }], manualSteps: [] };
  },
};

/** Throws on files that mention `explodeHere`: the runner must report it and go on. */
export const exploding: Transform = {
  name: 'exploding',
  matches: (file) => file.source.includes('explodeHere'),
  apply() {
    throw new Error('the exploding transform exploded on purpose');
  },
};

/** Produces code that does not parse for files mentioning `breakMe`: the runner must refuse to write it. */
export const breaking: Transform = {
  name: 'breaking',
  matches: (file) => file.source.includes('breakMe'),
  apply(file) {
    return { files: [{ path: file.path, status: 'ok', source: `${file.source}\nconst = ;\n` }], manualSteps: [] };
  },
};

/** `createAt('some/path.ts')` creates that file (relative to the root): lets tests aim a write anywhere. */
export const createAt: Transform = {
  name: 'create-at',
  matches: (file) => file.source.includes('createAt('),
  apply(file) {
    const target = /createAt\('([^']+)'\)/.exec(file.source)![1];
    return { files: [{ path: target, status: 'created', source: 'export const created = true;\n' }], manualSteps: [] };
  },
};

/** Reports (as a manual step) which thread ran it: tells a test whether the worker pool was used. */
export const reportThread: Transform = {
  name: 'report-thread',
  matches: (file) => file.source.includes('reportThread()'),
  apply(file) {
    return {
      files: [{ path: file.path, status: 'unmodified' }],
      manualSteps: [{ path: file.path, line: 1, message: `ran on thread ${threadId}` }],
    };
  },
};

/** `readSibling('x.ts')` records the first line of that file (read through the context) in a comment. */
export const readSibling: Transform = {
  name: 'read-sibling',
  matches: (file) => file.source.includes('readSibling(') && !file.source.includes('// sibling said:'),
  apply(file, context) {
    const sibling = path.posix.join(path.posix.dirname(file.path), /readSibling\('([^']+)'\)/.exec(file.source)![1]);
    const firstLine = (context.readFile(sibling) ?? '(missing)').split('\n')[0];
    return { files: [{ path: file.path, status: 'ok', source: `${file.source}// sibling said: ${firstLine}\n` }], manualSteps: [] };
  },
};

/** `touchSibling('x.ts')` appends a marker comment to that other file (once): a side output. */
export const touchSibling: Transform = {
  name: 'touch-sibling',
  matches: (file) => file.source.includes('touchSibling('),
  apply(file, context) {
    const sibling = path.posix.join(path.posix.dirname(file.path), /touchSibling\('([^']+)'\)/.exec(file.source)![1]);
    const text = context.readFile(sibling);
    if (text === undefined || text.includes('// touched')) return { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
    return {
      files: [
        { path: file.path, status: 'unmodified' },
        { path: sibling, status: 'ok', source: `${text}// touched\n` },
      ],
      manualSteps: [],
    };
  },
};

export const transforms: Transform[] = [
  renameCall,
  splitOut,
  deleteMarked,
  exploding,
  breaking,
  createAt,
  reportThread,
  readSibling,
  touchSibling,
];
