/**
 * Manual steps are the `TODO(forklift): ...` comments the transforms leave in the code. Reading them back
 * from the files (rather than trusting a transform's list alone) gives their final line numbers, and a
 * rerun still lists the ones nobody has resolved yet.
 */
import type { ManualStep } from '../transforms/types';

const MARKER = 'TODO(forklift):';

export function scanManualSteps(path: string, text: string): ManualStep[] {
  if (!text.includes(MARKER)) return [];
  const steps: ManualStep[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const at = line.indexOf(MARKER);
    if (at < 0) return;
    const message = line
      .slice(at + MARKER.length)
      .replace(/\*\/.*$/, '')
      .trim();
    steps.push({ path, line: index + 1, message });
  });
  return steps;
}

/** Steps a transform reported that have no comment in the final text (a step about a deleted file, say). */
export function mergeManualSteps(scanned: ManualStep[], reported: ManualStep[]): ManualStep[] {
  const merged = [...scanned];
  for (const step of reported) {
    const covered = scanned.some((s) => s.path === step.path && (s.message.startsWith(step.message) || step.message.startsWith(s.message)));
    if (!covered && !merged.some((s) => s.path === step.path && s.message === step.message)) merged.push(step);
  }
  return merged.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
}
