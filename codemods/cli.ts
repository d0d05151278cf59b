/**
 * The `forklift` command line: `forklift plan <dir>`, `forklift migrate <dir>` and `forklift adopt <id...>`,
 * as codemods/README.md fixes them. `main` is also the programmatic entry the tests use, so both go through the same code.
 */
import { Command, CommanderError, Option } from 'commander';
import { adopt, adoptExitCode, refusalLines, renderAdopt } from './adopt';
import { plan, renderPlan } from './plan';
import {
  createProgress,
  exitCodeOf,
  fileLine,
  migrate,
  renderManualSteps,
  resultsLine,
  UsageError,
  WriteFailure,
  type MigrateOptions,
  type MigrationReport,
} from './runner';
import type { ImportFamily } from './transforms/shared/importFamily';
import { ErrorCodes } from '../framework/wiring';
import { describeDiagnostic, verifyAgainstRevision, verifyLine, verifyMigrationRun, withVerification, type ChangedFile } from './verify';

export interface CliIo {
  stdout: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean };
}

/** Extra settings for tests: the transforms module to load, the number of worker threads, a hook on every write. */
export type CliOverrides = Pick<MigrateOptions, 'transformsModule' | 'workers' | 'beforeWrite'>;

interface MigrateFlags {
  dry?: boolean;
  diff?: boolean;
  json?: boolean;
  only?: string;
  target?: ImportFamily;
  force?: boolean;
  partial?: boolean;
  verify?: boolean;
}

function parseOnly(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new UsageError(
      ErrorCodes.FORKLIFT_BAD_ONLY,
      '--only needs transform names separated by commas, e.g. --only backend-index,plugin-export',
    );
  return names;
}

interface AdoptFlags {
  dir: string;
  allReady?: boolean;
  undo?: boolean;
  dry?: boolean;
  diff?: boolean;
  json?: boolean;
  force?: boolean;
}

let stdoutGuarded = false;

/**
 * `forklift migrate ... | head` closes stdout early: the run must still finish its writes (stopping
 * halfway would leave a half-migrated tree), so output to a closed pipe is dropped instead of crashing.
 */
function ignoreClosedStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

/** Runs the CLI; resolves with the exit code (0 ran, 1 a file errored, 2 bad usage or refused) and sets process.exitCode. */
export async function main(argv: string[] = process.argv, io: CliIo = process, overrides: CliOverrides = {}): Promise<number> {
  if (io.stdout === process.stdout) ignoreClosedStdout();
  const out = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const err = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  let code = 0;

  const program = new Command('forklift')
    .description('Migrate a legacy createRouter(env) backend onto the dependency-injected backend system.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) })
    .showHelpAfterError();

  const target = () =>
    new Option('--target <family>', 'output import family (default: the family each file comes from)').choices(['backstage', 'forklift']);

  program
    .command('plan')
    .description('show what is legacy, bridged or migrated, and what migrate would do; changes nothing')
    .argument('<dir>', 'repository folder')
    .option('--json', 'print one JSON object on stdout')
    .option('--only <transforms>', 'only these transforms, comma-separated')
    .addOption(target())
    .action(async (dir: string, flags: { json?: boolean; only?: string; target?: ImportFamily }) => {
      const result = await plan({ dir, only: parseOnly(flags.only), target: flags.target, ...overrides });
      if (flags.json) out(JSON.stringify(result, null, 2));
      else out(renderPlan(result).join('\n'));
      code = 0;
    });

  program
    .command('migrate')
    .description('rewrite legacy backend code in place')
    .argument('<dir>', 'repository folder')
    .option('--dry', 'compute everything, write nothing')
    .option('--diff', 'print a unified diff of every change')
    .option('--json', 'print one JSON object on stdout')
    .option('--only <transforms>', 'only these transforms, comma-separated')
    .addOption(target())
    .option('--force', 'run even when the git tree has uncommitted changes')
    .option(
      '--partial',
      'write a backend index even when some plugin mounts cannot be carried, keeping those as commented lines under TODOs',
    )
    .option('--verify', "type-check the changed files and their importers before and after, with the repository's TypeScript setup")
    .action(async (dir: string, flags: MigrateFlags) => {
      const progress = createProgress(io.stderr as NodeJS.WriteStream);
      const changes: ChangedFile[] = [];
      let report = await migrate({
        dir,
        dry: flags.dry,
        diff: flags.diff,
        only: parseOnly(flags.only),
        target: flags.target,
        force: flags.force,
        partial: flags.partial,
        ...overrides,
        onChange: flags.verify ? (change) => changes.push(change) : undefined,
        onFile(file, done, total) {
          progress.update(done, total, file.path);
          if (flags.json) return;
          const line = fileLine(file);
          if (line) progress.log(line, io.stdout as NodeJS.WriteStream);
          if (flags.diff && file.diff) io.stdout.write(file.diff);
        },
      });
      progress.clear();
      if (flags.verify) report = withVerification(report, verifyMigrationRun(dir, changes));
      if (flags.json) {
        out(JSON.stringify(report, null, 2));
      } else {
        const lines = renderManualSteps(report);
        if (report.verify) lines.push('', ...verificationLines(report.verify));
        if (flags.dry) lines.push('', 'Dry run: nothing was written.');
        lines.push('', resultsLine(report.summary));
        out(lines.join('\n'));
      }
      code = exitCodeOf(report);
    });

  program
    .command('adopt')
    .description('move bridged plugins to their native plugin (legacyPlugin(...) -> backend.add(import(...))); --undo takes it back')
    .argument('[pluginIds...]', 'plugin ids, as `forklift plan` lists them')
    .option('-C, --dir <dir>', 'repository folder', '.')
    .option('--all-ready', 'every plugin `forklift plan` lists as ready')
    .option('--undo', 'put the bridge back (legacyPlugin line and plugin file, from git history)')
    .option('--dry', 'compute everything, write nothing')
    .option('--diff', 'print a unified diff of every change')
    .option('--json', 'print one JSON object on stdout')
    .option('--force', 'run even when the git tree has uncommitted changes')
    .action(async (ids: string[], flags: AdoptFlags) => {
      const report = await adopt({
        dir: flags.dir,
        ids,
        allReady: flags.allReady,
        undo: flags.undo,
        dry: flags.dry,
        diff: flags.diff,
        force: flags.force,
      });
      for (const line of refusalLines(report)) err(line);
      if (flags.json) {
        out(JSON.stringify(report, null, 2));
      } else {
        if (flags.diff) for (const file of report.files) if (file.diff) io.stdout.write(file.diff);
        out(renderAdopt(report, !!flags.dry).join('\n'));
      }
      code = adoptExitCode(report);
    });

  program
    .command('verify')
    .description('type-check what differs from a git revision (a migrated tree), blaming only errors the change introduced')
    .argument('<dir>', 'repository folder')
    .option('--base <revision>', 'the git revision before the migration', 'HEAD')
    .option('--json', 'print one JSON object on stdout')
    .action(async (dir: string, flags: { base: string; json?: boolean }) => {
      const verification = verifyAgainstRevision(dir, flags.base);
      if (flags.json) out(JSON.stringify(verification, null, 2));
      else out(verificationLines(verification).join('\n'));
      code = verification.introduced.length > 0 ? 1 : 0;
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; every other commander error is bad usage.
      code = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UsageError) {
      err(`forklift: ${error.message}`);
      code = 2;
    } else if (error instanceof WriteFailure) {
      // The run's writes failed; the message says what was changed (nothing, or a journal to finish).
      err(`forklift: ${error.message}`);
      code = 1;
    } else {
      // Not a usage problem: an unexpected failure of the run itself.
      err(`forklift: ${(error as Error)?.stack ?? String(error)}`);
      code = 1;
    }
  }
  process.exitCode = code;
  return code;
}

function verificationLines(verification: NonNullable<MigrationReport['verify']>): string[] {
  return [...verification.introduced.map((d) => `ERROR    ${d.path}: ${describeDiagnostic(d)}`), verifyLine(verification)];
}

if (require.main === module) {
  void main();
}
