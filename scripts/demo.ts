/**
 * `npm start`: the whole path on one machine, with nothing but `npm install` behind it. Copies the legacy
 * sample, runs `forklift plan` and `forklift migrate` on the copy, starts what came out (SQLite in memory),
 * calls a few endpoints, then takes one plugin native (`forklift adopt todo`, with the plan before and after),
 * restarts it and checks the same calls get the same answers, and leaves it running until Ctrl-C.
 *
 *   FORKLIFT_DEMO_PORT=8080  port to try first (default 7007; a free one is used when it is taken, 0: any)
 *   FORKLIFT_DEMO_EXIT=1     stop after the demonstration instead of waiting for Ctrl-C (tests, CI); or --exit
 */
import fs from 'fs';
import path from 'path';
import pc from 'picocolors';
import { copySample, LEGACY_SAMPLE, REPO_ROOT, runForklift } from './samples';
import { callEndpoints, type Call } from './demo/callEndpoints';
import { choosePort } from './demo/choosePort';
import { startBackend, type RunningBackend } from './demo/startBackend';
import { messageOf } from '../framework/wiring';

const say = (text = '') => process.stdout.write(`${text}\n`);
const step = (n: number, text: string) => say(`\n${pc.bold(pc.cyan(`${n}.`))} ${pc.bold(text)}`);
const indent = (text: string, prefix = '   ') =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');

function wantedPort(): number {
  const raw = process.env.FORKLIFT_DEMO_PORT ?? '7007';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`FORKLIFT_DEMO_PORT must be a port number (0-65535, 0 for any free port), got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** How many ports the demo tries when the one it chose is taken before its backend listens. */
const PORT_ATTEMPTS = 3;

/**
 * Starts the backend on `port`; if another process took the port since it was chosen, on a new free one (said so).
 */
async function startOnPort(dir: string, port: number): Promise<RunningBackend> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBackend(dir, port, (line) => say(pc.dim(`   backend │ ${line}`)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= PORT_ATTEMPTS) throw error;
      const next = (await choosePort(0)).port;
      say(indent(pc.yellow(`port ${port} was taken before the backend listened, so it uses the free port ${next}`)));
      port = next;
    }
  }
}

/** The plugins part of `forklift plan`: one line per plugin id and its state. */
async function pluginsOfPlan(dir: string): Promise<string> {
  const planned = await runForklift(['plan', dir]);
  if (planned.code !== 0) throw new Error(`forklift plan exited with ${planned.code}`);
  const lines = planned.stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Plugins'));
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** Times the backend stamps itself are not part of the answer. */
const GENERATED_TIME = /"(createdAt|lastBeatAt)":"[^"]*"/g;

function sameAnswer(a: Call, b: Call | undefined): boolean {
  return !!b && a.status === b.status && a.body.replace(GENERATED_TIME, '$1') === b.body.replace(GENERATED_TIME, '$1');
}

async function main(): Promise<number> {
  const exitAfterDemo = process.env.FORKLIFT_DEMO_EXIT === '1' || process.argv.includes('--exit');
  const port = wantedPort();
  // Inside the checkout (git-ignored by `.forklift-tmp*`) so the copy resolves forklift, express and knex the
  // way the committed samples do, through this repository's tsconfig and node_modules.
  const workDir = fs.mkdtempSync(path.join(REPO_ROOT, '.forklift-tmp-demo-'));
  const shown = path.relative(process.cwd(), workDir) || workDir;
  let backend: RunningBackend | undefined;
  let cleanedUp = false;
  const cleanUp = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  // Listening for Ctrl-C from the first moment: a signal that arrives before its listener exists takes the
  // default action and kills the demo on the spot, without stopping the (detached) backend or removing the copy.
  let onInterrupt: (signal: NodeJS.Signals) => void = (signal) => {
    say(`\n${signal}: stopping the demo and removing ${shown}/`);
    void cleanUp().finally(() => process.exit(130));
  };
  const interrupted = (signal: NodeJS.Signals) => onInterrupt(signal);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const stopListening = () => process.off('SIGINT', interrupted).off('SIGTERM', interrupted);

  try {
    say(pc.bold('forklift demo: migrate a legacy backend, then run the result'));

    step(1, `Copy sample-legacy-backend to ${shown}/`);
    copySample(LEGACY_SAMPLE, workDir);
    say(
      indent(
        'a createServiceBuilder backend with makeCreateEnv and five createRouter plugins:\ntodo, settings, heartbeat, catalog (+ a processor), reports (calls todo)',
      ),
    );

    step(2, `forklift plan ${shown}`);
    const planned = await runForklift(['plan', workDir]);
    say(indent(planned.stdout + planned.stderr));
    if (planned.code !== 0) throw new Error(`forklift plan exited with ${planned.code}`);

    step(3, `forklift migrate ${shown}`);
    const migrated = await runForklift(['migrate', workDir]);
    say(indent(migrated.stdout + migrated.stderr));
    if (migrated.code !== 0) throw new Error(`forklift migrate exited with ${migrated.code}`);
    say(indent(pc.dim('the new index.ts:')));
    say(indent(fs.readFileSync(path.join(workDir, 'packages/backend/src/index.ts'), 'utf8').replace(/^\/\*[\s\S]*?\*\/\n\n/, ''), '   │ '));

    const chosen = await choosePort(port);
    step(4, `Start the migrated backend on port ${chosen.port}`);
    if (chosen.taken) say(indent(pc.yellow(`port ${port} is taken, so the backend uses the free port ${chosen.port}`)));
    backend = await startOnPort(workDir, chosen.port);

    step(5, `Call it`);
    // The port it runs on: the chosen one, unless that was taken before the backend listened.
    const runningPort = Number(new URL(backend.url).port);
    const bridgedAnswers = await callEndpoints(backend.url);
    for (const call of bridgedAnswers) {
      const status = call.status < 400 ? pc.green(String(call.status)) : pc.yellow(String(call.status));
      say(`   ${pc.bold(call.request)} → ${status}  ${pc.dim(`(${call.why})`)}`);
      say(indent(call.body.length > 300 ? `${call.body.slice(0, 300)}…` : call.body, '     '));
    }

    step(6, `forklift adopt todo -C ${shown}: one plugin from the bridge to its native plugin`);
    say(indent(await pluginsOfPlan(workDir)));
    await backend.stop();
    backend = undefined;
    const adopted = await runForklift(['adopt', 'todo', '-C', workDir]);
    say(indent(adopted.stdout + adopted.stderr));
    if (adopted.code !== 0) throw new Error(`forklift adopt todo exited with ${adopted.code}`);
    say(indent(await pluginsOfPlan(workDir)));

    step(7, `Restart it on port ${runningPort} and make the same calls`);
    backend = await startOnPort(workDir, runningPort);
    const nativeAnswers = await callEndpoints(backend.url);
    const differing = nativeAnswers.filter((call, i) => !sameAnswer(call, bridgedAnswers[i]));
    for (const call of differing) say(indent(pc.red(`${call.request} → ${call.status} ${call.body}`)));
    say(
      indent(
        differing.length === 0
          ? pc.green(`same answers as before the adoption: ${nativeAnswers.length} of ${nativeAnswers.length}`)
          : pc.red(`${differing.length} of ${nativeAnswers.length} answers differ from before the adoption`),
      ),
    );
    if (differing.length > 0) throw new Error('the backend answered differently after forklift adopt todo');

    say(`\n${pc.bold('What happened')}`);
    say(
      indent(
        [
          `copied the legacy sample to ${shown}/, planned and migrated it with the forklift CLI:`,
          'index.ts is now createBackend() with one legacyPlugin(...) per plugin, each createRouter package also',
          'exports a createBackendPlugin, the catalog processor became a module on catalogProcessingExtensionPoint;',
          'then forklift adopt todo switched todo from legacyPlugin(...) to its native plugin, with the same answers;',
          'the TODO(forklift) steps listed above are done by hand in sample-migrated-backend/ (see its README).',
        ].join('\n'),
      ),
    );
    say(`\n${pc.bold(`The migrated backend runs at ${pc.green(backend.url)}`)}   e.g. ${backend.url}/api/todo/todos`);

    if (exitAfterDemo) {
      say('FORKLIFT_DEMO_EXIT is set: stopping it now.');
      const code = await backend.stop();
      backend = undefined;
      await cleanUp();
      say(`Stopped (exit code ${code}); removed ${shown}/.`);
      return code === 0 ? 0 : 1;
    }

    const running = backend;
    const stopped = new Promise<number>((resolve) => {
      let stopping = false;
      const stop = async (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        say(`\n${signal}: stopping the backend and removing ${shown}/`);
        const code = await running.stop();
        await cleanUp();
        resolve(code === 0 ? 0 : 1);
      };
      onInterrupt = (signal) => void stop(signal);
      void running.exited.then(async (code) => {
        if (stopping) return;
        stopping = true;
        say(pc.red(`The backend exited on its own (code ${code}).`));
        await cleanUp();
        resolve(1);
      });
    });
    // Announced only once the handler above is in place: whoever reads this line may press Ctrl-C at once.
    say('Press Ctrl-C to stop it.');
    return await stopped;
  } catch (error) {
    process.stderr.write(`${pc.red('forklift demo failed:')} ${messageOf(error)}\n`);
    await cleanUp();
    return 1;
  } finally {
    stopListening();
  }
}

main().then((code) => {
  process.exitCode = code;
});
