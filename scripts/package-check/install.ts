import fs from 'fs';
import path from 'path';
import { run } from './run';

export interface InstalledProject {
  project: string;
  seconds: number;
  packages: number;
  megabytes: number;
}

/** Native add-ons that ship prebuilt inside their registry package; anything else under node_modules was compiled here. */
const PREBUILT_ADDON = /node_modules\/@napi-rs\/nice-[^/]+\/[^/]+\.node$/;

function filesUnder(dir: string, accept: (file: string) => boolean, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, accept, found);
    else if (accept(full)) found.push(full);
  }
  return found;
}

function sizeInMegabytes(dir: string): number {
  let bytes = 0;
  for (const file of filesUnder(dir, () => true)) bytes += fs.lstatSync(file).size;
  return Math.round(bytes / (1024 * 1024));
}

/**
 * Installs the tarball into a new empty project as a user would (`npm install ./forklift-x.tgz`). With
 * npm's default settings install scripts run, so a dependency that compiles would compile here: the check
 * is that none did (no `.node` file outside the prebuilt ones) and that better-sqlite3 stayed optional.
 */
export function installTarball(tarball: string, project: string): InstalledProject {
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'forklift-consumer', private: true }, null, 2) + '\n');
  const started = process.hrtime.bigint();
  const install = () => run('npm', ['install', tarball, '--no-audit', '--no-fund'], { cwd: project });
  try {
    install();
  } catch {
    install(); // one retry for a registry hiccup, as .ci/run does for its installs
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const modules = path.join(project, 'node_modules');
  if (fs.existsSync(path.join(modules, 'better-sqlite3'))) {
    throw new Error('better-sqlite3 was installed with forklift; it must stay an optional peer dependency');
  }
  const compiled = filesUnder(modules, (file) => file.endsWith('.node') && !PREBUILT_ADDON.test(file));
  if (compiled.length > 0) throw new Error(`installing forklift compiled native code: ${compiled.join(', ')}`);
  const packages = run('npm', ['ls', '--all', '--parseable'], { cwd: project })
    .split('\n')
    .filter((line) => line.includes('node_modules')).length;
  return { project, seconds, packages, megabytes: sizeInMegabytes(modules) };
}
