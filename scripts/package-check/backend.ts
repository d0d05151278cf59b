import { spawn } from 'child_process';
import { createRequire } from 'module';
import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';

/** A plugin that keeps one row in its own database and serves it; written as a user of the package would. */
const SERVER = `
const { createBackend, createBackendPlugin, coreServices } = require('forklift/framework');
const express = require('express');
const notes = createBackendPlugin({
  pluginId: 'notes',
  register(env) {
    env.registerInit({
      deps: { database: coreServices.database, http: coreServices.httpRouter },
      async init({ database, http }) {
        const knex = await database.getClient();
        await knex.schema.createTable('notes', (table) => { table.increments('id'); table.string('text'); });
        await knex('notes').insert({ text: 'stored in the plugin database' });
        const router = express.Router();
        router.get('/notes', async (_req, res) => res.json(await knex('notes').select('text')));
        http.use(router);
        http.addAuthPolicy({ path: '/notes', allow: 'unauthenticated' });
      },
    });
  },
});
const backend = createBackend();
backend.add(notes);
backend.start().then(() => console.log('READY'));
`;

interface ServerRun {
  baseUrl?: string;
  code: number | null;
  output: string;
  stop(): Promise<void>;
}

/** Starts the server with `config` as app-config.yaml; resolves once it is ready (with its URL) or has exited. */
function startServer(project: string, config: string): Promise<ServerRun> {
  fs.writeFileSync(path.join(project, 'server.cjs'), SERVER);
  fs.writeFileSync(path.join(project, 'app-config.yaml'), config);
  const child = spawn(process.execPath, ['server.cjs'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve) => {
    const run: ServerRun = {
      code: null,
      get output() {
        return output;
      },
      async stop() {
        child.kill('SIGTERM');
        run.code = await exited;
      },
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (http:\/\/\S+)/.exec(output);
      if (listening && /^READY$/m.test(output)) {
        run.baseUrl = listening[1];
        resolve(run);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      run.code = code;
      resolve(run);
    });
  });
}

export async function checkBackendOnPostgres(project: string, connection: string): Promise<void> {
  const prefix = `forklift_pkcheck_${randomBytes(4).toString('hex')}_`;
  const server = await startServer(
    project,
    `backend:\n  listen: { port: 0 }\n  database:\n    client: pg\n    connection: ${JSON.stringify(connection)}\n    prefix: ${prefix}\n`,
  );
  try {
    if (!server.baseUrl) throw new Error(`the backend on PostgreSQL did not start (exit ${server.code}):\n${server.output}`);
    const response = await fetch(`${server.baseUrl}/api/notes/notes`);
    const body = await response.json();
    if (response.status !== 200 || JSON.stringify(body) !== JSON.stringify([{ text: 'stored in the plugin database' }])) {
      throw new Error(`GET /api/notes/notes answered ${response.status} ${JSON.stringify(body)}`);
    }
  } finally {
    await server.stop();
    await dropDatabase(project, connection, `${prefix}notes`);
  }
  if (server.code !== 0) throw new Error(`the backend on PostgreSQL exited ${server.code} after SIGTERM:\n${server.output}`);
}

/** The consumer's installed pg (a dependency of forklift) drops what the check created. */
async function dropDatabase(project: string, connection: string, database: string): Promise<void> {
  const { Client } = createRequire(path.join(project, 'package.json'))('pg') as typeof import('pg');
  const client = new Client({ connectionString: connection });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}"`);
  } finally {
    await client.end();
  }
}

/** Without better-sqlite3 installed, the default database fails at startup with the error that names the install. */
export async function checkSqliteNamesItsInstall(project: string): Promise<void> {
  const server = await startServer(project, 'backend:\n  listen: { port: 0 }\n');
  if (server.baseUrl) {
    await server.stop();
    throw new Error('the backend started on SQLite although better-sqlite3 is not installed');
  }
  for (const expected of ['FORKLIFT_OPTIONAL_DEPENDENCY_MISSING', 'npm install better-sqlite3']) {
    if (!server.output.includes(expected)) throw new Error(`the SQLite startup failure does not say '${expected}':\n${server.output}`);
  }
}
