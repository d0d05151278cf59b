/**
 * The backend-index transform over its fixture pairs, called directly (the runner's harness runs them
 * through the CLI path too): each `before` tree must become its `after` tree byte for byte, with the
 * manual steps of `report.json`, and a second pass over `after` must change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeRepository, isScaffolding } from '../../codemods/analysis';
import { backendIndexTransform } from '../../codemods/transforms/backendIndex';
import type { ManualStep, TransformContext } from '../../codemods/transforms/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'backend-index');

interface Report {
  files?: Record<string, string>;
  manualSteps?: ManualStep[];
}

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
    }
  };
  walk('');
  return files;
}

function run(dir: string, target?: 'backstage' | 'forklift', partial?: boolean) {
  const tree = readTree(dir);
  const { facts } = analyzeRepository(dir);
  const context: TransformContext = { root: dir, facts, target, partial, readFile: (p) => tree.get(p) };
  const out = new Map(tree);
  const statuses: Record<string, string> = {};
  const manualSteps: ManualStep[] = [];
  for (const [file, source] of tree) {
    if (!/\.[cm]?[jt]sx?$/.test(file) || !backendIndexTransform.matches({ path: file, source })) continue;
    // The runner sets scaffolding aside before any transform sees it (runner/triage.ts); so does this harness.
    if (isScaffolding(file, facts.packages)) {
      statuses[file] = 'skipped';
      continue;
    }
    try {
      const result = backendIndexTransform.apply({ path: file, source }, context);
      manualSteps.push(...result.manualSteps);
      for (const outcome of result.files) {
        statuses[outcome.path] = outcome.status;
        if (outcome.status === 'deleted') out.delete(outcome.path);
        else if (outcome.status === 'ok' || outcome.status === 'created') out.set(outcome.path, outcome.source);
      }
    } catch {
      statuses[file] = 'error';
    }
  }
  return { out, statuses, manualSteps };
}

const cases = fs.readdirSync(FIXTURES).filter((name) => fs.existsSync(path.join(FIXTURES, name, 'before')));

describe('backend-index fixtures', () => {
  it('has the cases the issue asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  describe.each(cases)('%s', (name) => {
    const caseDir = path.join(FIXTURES, name);
    const optionsFile = path.join(caseDir, 'options.json');
    const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
    const { target, partial } = options as { target?: 'backstage' | 'forklift'; partial?: boolean };
    const reportFile = path.join(caseDir, 'report.json');
    const report: Report | undefined = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : undefined;

    it('turns before into after', () => {
      const { out, statuses, manualSteps } = run(path.join(caseDir, 'before'), target, partial);
      const expected = readTree(path.join(caseDir, 'after'));
      expect([...out.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [file, text] of expected) expect({ file, text: out.get(file) }).toEqual({ file, text });
      if (report?.files) expect(statuses).toEqual(report.files);
      // The CLI also lists TODOs left by an earlier run in unmodified files; the transform itself reports only new ones.
      const fresh = report?.manualSteps?.filter((step) => statuses[step.path] !== 'unmodified');
      if (fresh) expect(manualSteps).toEqual(fresh);
    });

    it('changes nothing on a second run', () => {
      const afterDir = path.join(caseDir, 'after');
      const { out, statuses } = run(afterDir, target);
      expect(Object.values(statuses).filter((s) => s !== 'unmodified' && s !== 'error' && s !== 'skipped')).toEqual([]);
      expect(out).toEqual(readTree(afterDir));
    });
  });
});
