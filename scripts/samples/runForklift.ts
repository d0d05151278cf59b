import { main } from '../../codemods';

export interface ForkliftRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `forklift` CLI in this process, through the same `main` as `bin/forklift.js`, and captures its
 * output. `echo` also writes it through as it comes, for the demo.
 */
export async function runForklift(args: string[], options: { echo?: NodeJS.WritableStream } = {}): Promise<ForkliftRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => ({
    write(text: string) {
      append(text);
      options.echo?.write(text);
      return true;
    },
  });
  const exitCodeBefore = process.exitCode;
  const code = await main(['node', 'forklift', ...args], {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  // main() sets process.exitCode for the bin script; a caller that goes on running decides its own exit code.
  process.exitCode = exitCodeBefore;
  return { code, stdout, stderr };
}
