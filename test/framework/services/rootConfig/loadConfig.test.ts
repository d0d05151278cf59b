import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, getConfigSecrets, loadConfig, type LoadConfigOptions } from '../../../../framework/services/rootConfig';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'forklift-config-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(entries: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

function load(options: LoadConfigOptions = {}) {
  return loadConfig({ cwd: dir, argv: [], env: {}, ...options });
}

async function loadError(options: LoadConfigOptions = {}): Promise<ConfigError> {
  const error = await load(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig files', () => {
  it('works with no config file at all: port 7007', async () => {
    const { config, files: read } = await load();
    expect(read).toEqual([]);
    expect(config.getNumber('backend.listen.port')).toBe(7007);
    expect(config.has('backend.database')).toBe(false);
    expect(config.has('backend.cache')).toBe(false);
  });

  it('reads app-config.yaml then app-config.local.yaml, deep-merging objects and replacing arrays', async () => {
    await files({
      'app-config.yaml':
        'backend:\n  baseUrl: http://localhost:7007\n  listen:\n    port: 7007\n    host: 127.0.0.1\n  cors:\n    origin: [a, b, c]\n',
      'app-config.local.yaml': 'backend:\n  listen:\n    port: 8080\n  cors:\n    origin: [z]\n',
    });
    const { config, files: read } = await load();
    expect(read).toEqual([path.join(dir, 'app-config.yaml'), path.join(dir, 'app-config.local.yaml')]);
    expect(config.get('backend')).toEqual({
      baseUrl: 'http://localhost:7007',
      listen: { port: 8080, host: '127.0.0.1' },
      cors: { origin: ['z'] },
    });
  });

  it('reads only app-config.local.yaml when it is the only file', async () => {
    await files({ 'app-config.local.yaml': 'app:\n  title: local\n' });
    const { config } = await load();
    expect(config.getString('app.title')).toBe('local');
    expect(config.getNumber('backend.listen.port')).toBe(7007);
  });

  it('uses repeated --config arguments in order instead of the default files', async () => {
    await files({
      'app-config.yaml': 'app:\n  title: default\n',
      'conf/base.yaml': 'app:\n  title: base\n  list: [1, 2]\n  nested: { a: 1, b: 2 }\n',
      'conf/prod.yaml': 'app:\n  list: [3]\n  nested: { b: 3 }\n',
    });
    const { config, files: read } = await load({
      argv: ['node', 'index.js', '--config', 'conf/base.yaml', `--config=${path.join(dir, 'conf/prod.yaml')}`],
    });
    expect(read).toEqual([path.join(dir, 'conf/base.yaml'), path.join(dir, 'conf/prod.yaml')]);
    expect(config.get('app')).toEqual({ title: 'base', list: [3], nested: { a: 1, b: 3 } });
  });

  it('names the file a bad value came from', async () => {
    await files({
      'app-config.yaml': 'backend:\n  listen:\n    port: 7007\n',
      'app-config.local.yaml': 'backend:\n  listen:\n    port: seven\n',
    });
    const { config } = await load();
    expect(() => config.getNumber('backend.listen.port')).toThrow(
      "Invalid type in config for key 'backend.listen.port' in 'app-config.local.yaml', got string, wanted number",
    );
    expect(() => config.getString('backend.baseUrl')).toThrow(
      "Missing required config value at 'backend.baseUrl' in 'app-config.yaml', 'app-config.local.yaml'",
    );
  });

  it('reports a missing --config file, bad arguments, bad YAML and a non-map root', async () => {
    expect((await loadError({ argv: ['--config', 'nope.yaml'] })).message).toBe(
      "Cannot read config file 'nope.yaml': the file does not exist",
    );
    expect((await loadError({ argv: ['--config'] })).message).toContain("'--config' needs a file path");
    expect((await loadError({ argv: ['--config='] })).message).toContain("'--config=' needs a file path");
    await files({ 'bad.yaml': 'a: [1,\n b: {', 'list.yaml': '- 1\n- 2\n', 'dup.yaml': 'a: 1\na: 2\n' });
    const bad = await loadError({ argv: ['--config', 'bad.yaml'] });
    expect(bad.code).toBe('CONFIG_READ_FAILED');
    expect(bad.message).toMatch(/^Cannot parse config file 'bad.yaml' as YAML: .*line 2/);
    expect((await loadError({ argv: ['--config', 'list.yaml'] })).message).toBe(
      "Config file 'list.yaml' must hold a map of keys at the top level, got a list",
    );
    expect((await loadError({ argv: ['--config', 'dup.yaml'] })).message).toMatch(
      /^Cannot parse config file 'dup.yaml' as YAML: Map keys must be unique/,
    );
  });

  it('treats an empty file as no values', async () => {
    await files({ 'app-config.yaml': '# nothing yet\n' });
    const { config } = await load();
    expect(config.get()).toEqual({ backend: { listen: { port: 7007 } } });
  });
});

describe('loadConfig substitution', () => {
  it('replaces ${VAR} inside strings, keeps $${ literal, and records substituted values as secrets', async () => {
    await files({
      'app-config.yaml':
        'db:\n  url: postgres://app:${DB_PASSWORD}@${DB_HOST}:5432/x\n  literal: cost $${HOME} and $$ sign\n  spaced: ${ DB_HOST }\n',
    });
    const { config, substitutedSecrets } = await load({ env: { DB_PASSWORD: 's3cr3t-pw', DB_HOST: 'db.internal' } });
    expect(config.getString('db.url')).toBe('postgres://app:s3cr3t-pw@db.internal:5432/x');
    expect(config.getString('db.literal')).toBe('cost ${HOME} and $$ sign');
    expect(config.getString('db.spaced')).toBe('db.internal');
    expect([...substitutedSecrets].sort()).toEqual(['db.internal', 's3cr3t-pw']);
    expect(getConfigSecrets(config)).toEqual(expect.arrayContaining(['s3cr3t-pw', 'db.internal']));
  });

  it('drops a value whose variable is unset, so it reads as missing', async () => {
    await files({ 'app-config.yaml': 'github:\n  token: ${GITHUB_TOKEN}\n  list: [a, "${NOPE}", c]\n' });
    const { config } = await load();
    expect(config.has('github.token')).toBe(false);
    expect(config.get('github.list')).toEqual(['a', null, 'c']);
  });

  it('names file and key for a malformed substitution, without the value', async () => {
    await files({ 'a.yaml': 'backend:\n  auth:\n    key: abc${SECRET\n', 'b.yaml': 'x:\n  y: ${not valid}\n' });
    const a = await loadError({ argv: ['--config', 'a.yaml'], env: { SECRET: 'zzz' } });
    expect(a.code).toBe('CONFIG_SUBSTITUTION_FAILED');
    expect(a.message).toBe(
      "Unterminated '${' substitution at 'backend.auth.key' in 'a.yaml': close it with '}', or write '$${' for a literal '${'",
    );
    const b = await loadError({ argv: ['--config', 'b.yaml'] });
    expect(b.message).toContain("Invalid environment variable name in '${...}' substitution at 'x.y' in 'b.yaml'");
  });

  it('$env reads a variable and records it as secret', async () => {
    await files({ 'app-config.yaml': 'auth:\n  clientId:\n    $env: CLIENT_ID\n  other:\n    $env: UNSET_VAR\n' });
    const { config, substitutedSecrets } = await load({ env: { CLIENT_ID: 'client-123' } });
    expect(config.getString('auth.clientId')).toBe('client-123');
    expect(config.has('auth.other')).toBe(false);
    expect([...substitutedSecrets]).toEqual(['client-123']);
  });

  it('$file reads a file relative to the config file', async () => {
    await files({ 'conf/app.yaml': 'tls:\n  cert:\n    $file: certs/server.pem\n', 'conf/certs/server.pem': 'CERT-DATA\n' });
    const { config, substitutedSecrets } = await load({ argv: ['--config', 'conf/app.yaml'] });
    expect(config.getString('tls.cert')).toBe('CERT-DATA\n');
    expect(substitutedSecrets.has('CERT-DATA')).toBe(true);
  });

  it('$include merges in yaml and json relative to the including file, substituting inside them', async () => {
    await files({
      'conf/app.yaml': 'catalog:\n  $include: parts/catalog.yaml\nextra:\n  $include: parts/extra.json\n',
      'conf/parts/catalog.yaml': 'locations:\n  - target: ${TARGET}\nrules:\n  $include: ../rules.yml\n',
      'conf/rules.yml': '[a, b]\n',
      'conf/parts/extra.json': '{"enabled": true}',
    });
    const { config, substitutedSecrets } = await load({
      argv: ['--config', 'conf/app.yaml'],
      env: { TARGET: 'https://example.com/all.yaml' },
    });
    expect(config.get('catalog')).toEqual({ locations: [{ target: 'https://example.com/all.yaml' }], rules: ['a', 'b'] });
    expect(config.getBoolean('extra.enabled')).toBe(true);
    expect(substitutedSecrets.has('https://example.com/all.yaml')).toBe(true);
  });

  it('reports unreadable $file / $include, bad JSON, include cycles and mixed special keys with file and key', async () => {
    await files({
      'f.yaml': 'a:\n  b:\n    $file: missing.txt\n',
      'i.yaml': 'a:\n  list:\n    - $include: nope.yaml\n',
      'j.yaml': 'a:\n  $include: broken.json\n',
      'broken.json': '{"password": "hunter2",',
      'c1.yaml': 'x:\n  $include: c2.yaml\n',
      'c2.yaml': 'y:\n  $include: c1.yaml\n',
      'm.yaml': 'a:\n  $env: X\n  other: 1\n',
      'e.yaml': 'a:\n  $env: 42\n',
    });
    expect((await loadError({ argv: ['--config', 'f.yaml'] })).message).toBe(
      "Cannot read '$file: missing.txt' at 'a.b' in 'f.yaml': the file does not exist (looked for 'missing.txt')",
    );
    expect((await loadError({ argv: ['--config', 'i.yaml'] })).message).toBe(
      "Cannot read '$include: nope.yaml' at 'a.list[0]' in 'i.yaml': the file does not exist (looked for 'nope.yaml')",
    );
    const json = await loadError({ argv: ['--config', 'j.yaml'] });
    expect(json.message).toMatch(/^Cannot parse config file 'broken.json' as JSON: invalid JSON/);
    expect(json.message).not.toContain('hunter2');
    expect((await loadError({ argv: ['--config', 'c1.yaml'] })).message).toBe(
      "'$include' cycle at 'x.y' in 'c2.yaml': 'c1.yaml' -> 'c2.yaml' -> 'c1.yaml'",
    );
    expect((await loadError({ argv: ['--config', 'm.yaml'] })).message).toBe(
      "'$env' must be the only key of its object at 'a' in 'm.yaml': move the other keys elsewhere",
    );
    expect((await loadError({ argv: ['--config', 'e.yaml'] })).message).toBe("'$env' needs a non-empty string at 'a' in 'e.yaml'");
  });
});

describe('loadConfig environment overrides', () => {
  it('APP_CONFIG_* overrides files, parsing JSON values and falling back to strings', async () => {
    await files({ 'app-config.yaml': 'backend:\n  baseUrl: http://file\n  listen:\n    port: 7007\n' });
    const { config } = await load({
      env: {
        APP_CONFIG_backend_baseUrl: 'http://env',
        APP_CONFIG_backend_listen_port: '9000',
        APP_CONFIG_backend_cors: '{"origin": ["a"]}',
        APP_CONFIG_app_title: '{not json',
      },
    });
    expect(config.getString('backend.baseUrl')).toBe('http://env');
    expect(config.get('backend.listen.port')).toBe(9000);
    expect(config.getStringArray('backend.cors.origin')).toEqual(['a']);
    expect(config.getString('app.title')).toBe('{not json');
  });

  it('names the variable a bad value came from', async () => {
    const { config } = await load({ env: { APP_CONFIG_backend_listen_port: '"eighty"' } });
    expect(() => config.getNumber('backend.listen.port')).toThrow(
      "Invalid type in config for key 'backend.listen.port' in 'APP_CONFIG_backend_listen_port', got string, wanted number",
    );
  });

  it('rejects malformed and conflicting override variables', async () => {
    const bad = await loadError({ env: { APP_CONFIG_backend__port: '1' } });
    expect(bad.code).toBe('CONFIG_INVALID_ENV_OVERRIDE');
    expect(bad.message).toContain("Invalid config override environment variable 'APP_CONFIG_backend__port'");
    const conflict = await loadError({ env: { APP_CONFIG_backend: '{}', APP_CONFIG_backend_port: '1' } });
    expect(conflict.message).toBe(
      "Config override environment variables 'APP_CONFIG_backend' and 'APP_CONFIG_backend_port' conflict: the first sets 'backend' to a value and the second sets a key inside it; keep one",
    );
  });
});
