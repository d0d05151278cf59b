/**
 * What a user installs is the product: packs this package, installs the tarball into an empty project (no
 * compiler toolchain involved: nothing may be built from source), and uses it the way the README says.
 * Run by `.ci/run` after `npm test` (`npm run check:package`); prints one JSON line of figures at the end.
 *
 * Steps, each failing with the command and its output:
 *   1. `npm pack` -> the tarball's file list holds only what users run (see `allowedPath`);
 *   2. `npm install <tarball>` in an empty project -> no native add-on compiled, better-sqlite3 not pulled in;
 *   3. `npx forklift --help` and `npx forklift plan` on a copy of the legacy sample;
 *   4. `require` and `import` of every public entry; their types resolve under node16 and bundler resolution;
 *   5. a tiny backend from `forklift/framework` serving a route from PostgreSQL (FORKLIFT_TEST_POSTGRES), and
 *      the embedded SQLite default failing with the error that names the optional install.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkEntries } from './entries';
import { checkBackendOnPostgres, checkSqliteNamesItsInstall } from './backend';
import { checkCli } from './cli';
import { installTarball } from './install';
import { packTarball } from './pack';

const repoRoot = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-package-check-'));
  try {
    const packed = packTarball(repoRoot, work);
    console.log(`packed ${packed.files.length} files, ${packed.size} bytes (${packed.unpackedSize} unpacked)`);
    const installed = installTarball(packed.tarball, path.join(work, 'consumer'));
    console.log(
      `installed in ${installed.seconds.toFixed(1)} s: ${installed.packages} packages, ${installed.megabytes} MB of node_modules`,
    );
    checkCli(installed.project, path.join(repoRoot, 'sample-legacy-backend'));
    console.log('forklift --help and forklift plan work from the installed package');
    checkEntries(installed.project, repoRoot);
    console.log('every entry loads through require and import, and its types resolve (node16, bundler)');
    await checkSqliteNamesItsInstall(installed.project);
    console.log('the SQLite default names its optional install');
    const postgres = process.env.FORKLIFT_TEST_POSTGRES;
    if (postgres) {
      await checkBackendOnPostgres(installed.project, postgres);
      console.log('a backend from the installed forklift/framework serves a route from PostgreSQL');
    } else {
      console.warn('[package-check] SKIPPED the PostgreSQL backend: set FORKLIFT_TEST_POSTGRES to run it');
    }
    console.log(
      JSON.stringify({
        tarballFiles: packed.files.length,
        tarballBytes: packed.size,
        unpackedBytes: packed.unpackedSize,
        installSeconds: Number(installed.seconds.toFixed(1)),
        nodeModulesMegabytes: installed.megabytes,
        installedPackages: installed.packages,
      }),
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`package check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
