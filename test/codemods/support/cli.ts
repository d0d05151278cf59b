/** Runs the CLI in-process through `main` (the same code as `bin/forklift`) and captures what it prints. */
import { main, type CliOverrides } from '../../../codemods/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], overrides: CliOverrides = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
  };
  const previous = process.exitCode;
  const code = await main(['node', 'forklift', ...args], io, overrides);
  process.exitCode = previous;
  return { code, stdout, stderr };
}

/** `forklift migrate --json`: the parsed report plus the exit code. */
export async function runMigrateJson(args: string[], overrides: CliOverrides = {}) {
  const run = await runCli(['migrate', ...args, '--json'], overrides);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`forklift migrate --json printed no JSON (exit ${run.code}).\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  }
  return { ...run, report };
}
