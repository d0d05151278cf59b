import fs from 'fs';
import path from 'path';
import { run } from './run';

/** The plugins the legacy sample mounts: `forklift plan` must name each one. */
const SAMPLE_PLUGIN_IDS = ['todo', 'settings', 'heartbeat', 'catalog', 'reports'];

/** `npx forklift --help`, and `npx forklift plan` on a copy of the legacy sample, from the installed package. */
export function checkCli(project: string, legacySample: string): void {
  const help = run('npx', ['--no-install', 'forklift', '--help'], { cwd: project });
  for (const command of ['plan', 'migrate']) {
    if (!help.includes(command)) throw new Error(`forklift --help does not list '${command}':\n${help}`);
  }
  const copy = path.join(project, 'legacy-sample');
  fs.cpSync(legacySample, copy, { recursive: true, filter: (source) => !source.split(path.sep).includes('node_modules') });
  const plan = run('npx', ['--no-install', 'forklift', 'plan', copy], { cwd: project });
  const missing = SAMPLE_PLUGIN_IDS.filter((id) => !new RegExp(`\\b${id}\\b`).test(plan));
  if (missing.length > 0) throw new Error(`forklift plan on the legacy sample does not name ${missing.join(', ')}:\n${plan}`);
}
