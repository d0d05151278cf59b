/**
 * Turns per-version findings into ranges: consecutive checked versions with the same entry become one range,
 * which ends where the next finding starts. Below the oldest version checked, only "no such export" is
 * extended (older releases do not gain an export a newer one lacks); anything else starts at that version.
 */
export type Entry = 'root' | 'alpha' | null;

export interface EntryRange {
  range: string;
  entry: Entry;
}

export function toRanges(findings: Array<{ version: string; entry: Entry }>): EntryRange[] {
  const runs: Array<{ from: string; entry: Entry }> = [];
  for (const finding of findings) {
    if (runs.length === 0 || runs[runs.length - 1].entry !== finding.entry) runs.push({ from: finding.version, entry: finding.entry });
  }
  return runs.map((run, i) => {
    const next = runs[i + 1]?.from;
    const lower = i === 0 && run.entry === null ? '' : `>=${run.from}`;
    const upper = next ? `<${next}` : '';
    return { range: [lower, upper].filter(Boolean).join(' ') || '*', entry: run.entry };
  });
}
