import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { getConfigSecrets, isConfigError, loadConfig } from '../../../../framework/services/rootConfig';

// Secrets carry a marker that the generated YAML never contains, so finding one in an error
// message can only mean a substituted value leaked.
const secretArb = fc.stringMatching(/^[A-Za-z0-9]{6,12}$/).map((s) => `SeCrEtMaRk-${s}`);
const varNames = ['TOKEN_A', 'TOKEN_B', 'UNSET_ONE'];
const keyArb = fc.constantFrom('backend', 'listen', 'port', 'password', 'token', 'baseUrl', 'items', 'a', 'b-c', 'x_y');

const textPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('plain', ' ', '$', '{', '}', '$$', '$${', '${', '}}', ':', '#', '\n', '"', "'", '12', 'true') },
  { weight: 4, arbitrary: fc.constantFrom(...varNames).map((n) => `\${${n}}`) },
  { weight: 1, arbitrary: fc.constantFrom('${bad name}', '${}', '${ TOKEN_A }', '${1X}') },
);
const stringArb = fc.array(textPiece, { maxLength: 5 }).map((parts) => parts.join(''));

const { value: valueArb } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 8, arbitrary: stringArb },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) },
    { weight: 2, arbitrary: fc.record({ $env: fc.constantFrom(...varNames) }) },
    { weight: 1, arbitrary: fc.record({ $file: fc.constantFrom('secret.txt', 'secret.txt', 'missing.txt') }) },
    {
      weight: 1,
      arbitrary: fc.record({ $include: fc.constantFrom('inc.yaml', 'inc.json', 'inc.json', 'missing.yaml', 'app-config.yaml') }),
    },
    // Malformed special forms, rarer so that most runs get far enough to exercise substitution.
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.record({ $env: fc.oneof(fc.constant(''), fc.integer()) }),
        fc.record({ $env: fc.constantFrom(...varNames), extra: fc.integer() }),
      ),
    },
    { weight: 3, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 3, arbitrary: fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }) },
  ),
}));

const docArb = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(keyArb, valueArb, { maxKeys: 5 }).map((doc) => YAML.stringify(doc)) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(textPiece, fc.constantFrom('a: ', '- ', '  ', '[', ']', '&x ', '*x')), { maxLength: 12 })
      .map((p) => p.join('')),
  },
);

const overridesArb = fc.dictionary(
  fc.constantFrom(
    'APP_CONFIG_backend_baseUrl',
    'APP_CONFIG_backend_baseUrl',
    'APP_CONFIG_backend',
    'APP_CONFIG_backend_listen_port',
    'APP_CONFIG_password',
    'APP_CONFIG_a__b',
  ),
  fc.oneof(fc.constantFrom('7007', '"x"', '{"a":1}', '{oops'), secretArb),
  { maxKeys: 2 },
);

function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringLeaves(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringLeaves(v, out));
  return out;
}

describe('config loader properties', () => {
  it('throws only ConfigErrors, never leaks a substituted secret in an error, and registers what it substituted', async () => {
    await fc.assert(
      fc.asyncProperty(
        docArb,
        docArb,
        secretArb,
        secretArb,
        secretArb,
        overridesArb,
        async (main, included, tokenA, tokenB, fileSecret, overrides) => {
          const dir = await mkdtemp(path.join(os.tmpdir(), 'forklift-config-prop-'));
          try {
            await writeFile(path.join(dir, 'app-config.yaml'), main);
            await writeFile(path.join(dir, 'inc.yaml'), included);
            await writeFile(path.join(dir, 'inc.json'), JSON.stringify({ token: '${TOKEN_B}', n: 1 }));
            await writeFile(path.join(dir, 'secret.txt'), fileSecret);
            const secrets = [tokenA, tokenB, fileSecret];
            const env = { TOKEN_A: tokenA, TOKEN_B: tokenB, ...overrides };
            const noLeak = (error: unknown) => {
              if (!isConfigError(error)) throw error;
              for (const secret of secrets) expect(error.message).not.toContain(secret);
            };

            let loaded;
            try {
              loaded = await loadConfig({ cwd: dir, argv: [], env });
            } catch (error) {
              noLeak(error);
              return;
            }
            const { config } = loaded;
            const registered = new Set(getConfigSecrets(config));
            for (const leaf of stringLeaves(config.get())) {
              for (const secret of [tokenA, tokenB, fileSecret]) {
                if (leaf.includes(secret)) expect(registered.has(secret)).toBe(true);
              }
            }
            for (const key of config.keys()) {
              for (const read of [
                () => config.getNumber(`${key}.port`),
                () => config.getString(key),
                () => config.getBoolean(key),
                () => config.getConfig(key).getStringArray('items'),
              ]) {
                try {
                  read();
                } catch (error) {
                  noLeak(error);
                }
              }
            }
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
