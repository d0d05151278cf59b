/**
 * Type errors a migration leaves on purpose: each one is anchored to a manual step of the run's report. A
 * diagnostic is allowed only when an allowance names its file and code, it sits at the step (on the step's line,
 * on the line right below it when that line is the `// TODO(forklift)`, or on one of the lines listed in `at`: code
 * that cannot compile until that step is done), and the report really has that step.
 */
import type { TreeDiagnostic } from './typecheckTrees';

export interface AllowedDiagnostic {
  /** The file, relative to the tree, with forward slashes. */
  file: string;
  code: number;
  manualStepLine: number;
  at?: number[];
  reason: string;
}

export interface ReportedStep {
  path: string;
  line: number;
}

function sitsAt(d: TreeDiagnostic, allowance: AllowedDiagnostic, lines: readonly string[]): boolean {
  const stepLine = allowance.manualStepLine;
  if (d.line === stepLine || allowance.at?.includes(d.line)) return true;
  return d.line === stepLine + 1 && /\/\/\s*TODO\(forklift\)/.test(lines[stepLine - 1] ?? '');
}

/**
 * The allowance that accounts for diagnostic `d` of file `file` (relative, with `lines` its text), or undefined
 * when none does.
 */
export function allowanceFor<T extends AllowedDiagnostic>(
  d: TreeDiagnostic,
  file: string,
  lines: readonly string[],
  allowances: readonly T[],
  manualSteps: readonly ReportedStep[] | undefined,
): T | undefined {
  const allowance = allowances.find((a) => a.file === file && a.code === d.code && sitsAt(d, a, lines));
  const anchored = allowance && manualSteps?.some((s) => s.path === allowance.file && s.line === allowance.manualStepLine);
  return anchored ? allowance : undefined;
}
