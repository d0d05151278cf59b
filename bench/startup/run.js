#!/usr/bin/env node
/**
 * Startup benchmark: `node bench/startup/run.js [sizes...]` (default 100 500). Each size runs in its own
 * process (TypeScript through tsx) and prints one JSON line: time for start() to resolve and the RSS after it.
 */
const { spawnSync } = require('child_process');
const path = require('path');

const sizes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['100', '500'];
const script = path.join(__dirname, 'startBackend.ts');
let failed = false;
for (const size of sizes) {
  const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), script, size], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  if (result.status !== 0) {
    process.stderr.write(`bench/startup: the run with ${size} plugins failed (exit ${result.status})\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
