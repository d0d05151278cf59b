/**
 * The one rule of backend-index, checked as a property over every backend-index fixture and over the legacy
 * sample migrated into both import families:
 *
 * 1. every legacy plugin mount is accounted for: carried (a `legacyPlugin('<id>', ...)` or a native plugin
 *    with that id in the written index) or named, with its line, in an error or a manual step of that file;
 *    a carried mount whose URL changes is named too;
 * 2. every field the repository's `PluginEnvironment` declares is provided to carried legacy plugins by the
 *    env mapping the index uses, or named in a manual step;
 * 3. and at the spot: a carried plugin whose file reads such a field has a step at its mount naming the field.
 *
 * What counts as "provided" is read from the runtime truth, not from the codemod's tables: the forklift
 * bridge's exported `legacyEnvMapping`, and the fields Backstage's own `legacyPlugin` lists.
 */
import fs from 'node:fs';
import type { namedTypes } from 'ast-types';
import path from 'node:path';
import {
  analyzeRepository,
  findBackendMounts,
  nativePluginIdOf,
  pluginEnvironmentImport,
  readBridgeFile,
  readPluginEnvironmentFields,
  resolveRelativeImport,
  type BackendMount,
} from '../../codemods/analysis';
import { apiInRepository } from '../../codemods/analysis/publishedEntries';
import { jscodeshiftFor, parseForReading, parserForPath } from '../../codemods/transforms/shared/parser';
import { legacyEnvMapping } from '../../legacy-bridge';
import { runMigrateJson } from './support/cli';
import { copyTree, makeTempDir } from './support/trees';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'backend-index');

/** What `legacyPlugin` of `@backstage/backend-common` passes to a legacy plugin (its documented env mapping). */
const BACKSTAGE_LEGACY_PLUGIN_FIELDS = [
  'cache',
  'config',
  'database',
  'discovery',
  'logger',
  'permissions',
  'scheduler',
  'tokenManager',
  'reader',
  'identity',
];
const FORKLIFT_LEGACY_PLUGIN_FIELDS = Object.keys(legacyEnvMapping);

interface Case {
  name: string;
  dir: string;
  args: string[];
}

const LEGACY_INDEX = /\bcreateServiceBuilder\s*\(/;

function listSourceFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listSourceFiles(dir, child));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name)) out.push(child);
  }
  return out;
}

function fixtureCases(): Case[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((name) => fs.existsSync(path.join(FIXTURES, name, 'before')))
    .map((name) => {
      const optionsFile = path.join(FIXTURES, name, 'options.json');
      const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
      return {
        name: `fixture ${name}`,
        dir: path.join(FIXTURES, name, 'before'),
        args: [...(options.target ? ['--target', options.target] : []), ...(options.partial ? ['--partial'] : [])],
      };
    });
}

const cases: Case[] = [
  ...fixtureCases(),
  { name: 'sample-legacy-backend', dir: path.join(REPO, 'sample-legacy-backend'), args: [] },
  { name: 'sample-legacy-backend --target backstage', dir: path.join(REPO, 'sample-legacy-backend'), args: ['--target', 'backstage'] },
];

/** `legacyPlugin('<id>', ...)` and `backend.add(import('<package>'))` of a written index. */
function carriedIn(source: string, file: string): { legacy: string[]; packages: string[] } {
  const parser = parserForPath(file) ?? 'ts';
  const j = jscodeshiftFor(parser);
  const root = j(parseForReading(source, parser));
  const legacy: string[] = [];
  const packages: string[] = [];
  root.find(j.CallExpression).forEach((p) => {
    const { callee, arguments: args } = p.node;
    const first = args[0] as { type: string; value?: unknown } | undefined;
    if (callee.type === 'Identifier' && callee.name === 'legacyPlugin' && first && typeof first.value === 'string')
      legacy.push(first.value);
    const isAdd = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'add';
    // `import('x')` parses as a call whose callee is `Import`.
    const load = first as unknown as { type: string; callee?: { type: string }; arguments?: Array<{ value?: unknown }> } | undefined;
    const specifier = load?.type === 'CallExpression' && load.callee?.type === 'Import' ? load.arguments?.[0]?.value : undefined;
    if (isAdd && typeof specifier === 'string' && !specifier.startsWith('.')) packages.push(specifier);
  });
  return { legacy, packages };
}

/**
 * The env fields the written index gives legacy plugins: its own makeLegacyPlugin mapping (for Backstage's, plus
 * the fields its makeLegacyPlugin adds to every plugin at the version the repository uses, as the published
 * declarations say: entries.json, read from them by scripts/version-facts), or the imported legacyPlugin's.
 */
function providedFields(source: string, versions: Record<string, { version: string }> | undefined): string[] {
  const custom = /const legacyPlugin = makeLegacyPlugin\(\s*\{([\s\S]*?)\n\s*\},/.exec(source);
  if (custom) {
    const body = custom[1];
    const listed = [...body.matchAll(/^\s*([A-Za-z_$][\w$]*):/gm)].map((m) => m[1]);
    const spread = /\.\.\.legacyEnvMapping\b/.test(body) ? FORKLIFT_LEGACY_PLUGIN_FIELDS : [];
    const fromBackstage = /import \{[^}]*\bmakeLegacyPlugin\b[^}]*\} from ['"]@backstage\/backend-common['"]/.test(source);
    const added = fromBackstage
      ? BACKSTAGE_LEGACY_PLUGIN_FIELDS.filter(
          (f) => apiInRepository('@backstage/backend-common', `makeLegacyPlugin.${f}`, versions).location.kind === 'found',
        )
      : [];
    return [...spread, ...listed, ...added];
  }
  if (/import \{[^}]*\blegacyPlugin\b[^}]*\} from ['"]forklift\/legacy-bridge['"]/.test(source)) return FORKLIFT_LEGACY_PLUGIN_FIELDS;
  if (/import \{[^}]*\blegacyPlugin\b[^}]*\} from ['"]@backstage\/backend-common['"]/.test(source)) return BACKSTAGE_LEGACY_PLUGIN_FIELDS;
  return [];
}

function legacyUrl(mount: BackendMount): string {
  const p = mount.mountPath.replace(/\/+$/, '');
  return mount.via === 'addRouter' ? p : `/api${p}`;
}

describe('every legacy mount is carried or named, with its environment', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const work = makeTempDir('carry-property');
    try {
      copyTree(c.dir, work);
      const legacyFiles = listSourceFiles(work).filter((f) => LEGACY_INDEX.test(fs.readFileSync(path.join(work, f), 'utf8')));
      const before = new Map(legacyFiles.map((f) => [f, fs.readFileSync(path.join(work, f), 'utf8')]));
      const { facts } = analyzeRepository(work);
      const { report } = await runMigrateJson([work, '--only', 'backend-index', ...c.args]);
      const problems: string[] = [];

      for (const [file, source] of before) {
        const outcome = (report.files as Array<{ path: string; status: string; message?: string }>).find((f) => f.path === file);
        if (!outcome || outcome.status === 'skipped' || outcome.status === 'unmodified') continue;
        let mounts: BackendMount[];
        try {
          mounts = findBackendMounts(source, parserForPath(file) ?? 'ts');
        } catch {
          continue; // a file that does not parse is reported as an error and left alone (its own fixture checks that)
        }
        const messages = [
          ...(outcome.status === 'error' && outcome.message ? [outcome.message] : []),
          ...(report.manualSteps as Array<{ path: string; message: string }>).filter((s) => s.path === file).map((s) => s.message),
        ];
        const after = fs.readFileSync(path.join(work, file), 'utf8');
        if (outcome.status === 'error') {
          // Refused: the file must be exactly as it was (every mount still served by the legacy backend), and the
          // error must name at least one mount with its line.
          if (after !== source) problems.push(`${file}: reported as an error but changed`);
          const namesAMount = /cannot be carried/.test(outcome.message ?? '') && /\(line \d+\)/.test(outcome.message ?? '');
          if (!namesAMount && !/line \d+, column/.test(outcome.message ?? ''))
            problems.push(`${file}: the error names no mount: ${outcome.message}`);
          continue;
        }
        const carried = carriedIn(after, file);
        const nativeIds = carried.packages.map((p) => nativePluginIdOf(facts, p, (rel) => readIfExists(work, rel)));
        const names = (m: BackendMount) =>
          messages.some(
            (msg) =>
              msg.includes(`line ${m.line}`) &&
              [m.pluginId, m.binding, m.importSource, legacyUrl(m)].some((token) => token && msg.includes(token)),
          );

        // 1. Every legacy mount: carried at its URL, or named.
        for (const m of mounts) {
          const isCarried = carried.legacy.includes(m.pluginId) || nativeIds.includes(m.pluginId);
          const urlKept = legacyUrl(m) === `/api/${m.pluginId}`;
          if (isCarried && (urlKept || names(m))) continue;
          if (!isCarried && names(m)) continue;
          problems.push(
            `${file}:${m.line} ${legacyUrl(m) || "''"} (${m.pluginId}) is ${isCarried ? 'carried at another URL without a step' : 'neither carried nor named'}`,
          );
        }

        // 2. Every PluginEnvironment field: provided to the carried legacy plugins, or named in a manual step.
        if (carried.legacy.length > 0) {
          const program = parseForReading(source, parserForPath(file) ?? 'ts').program;
          const envImport = pluginEnvironmentImport(
            program.body.filter((s): s is namedTypes.ImportDeclaration => s.type === 'ImportDeclaration'),
          );
          const declared = readPluginEnvironmentFields(file, envImport, (rel) => readIfExists(work, rel)) ?? [];
          const provided = new Set(providedFields(after, facts.versions?.packages));
          for (const field of declared) {
            if (provided.has(field)) continue;
            if (messages.some((msg) => msg.includes(`\`${field}\``))) continue;
            problems.push(
              `${file}: PluginEnvironment field \`${field}\` is neither provided to the legacy plugins nor named in a manual step`,
            );
          }
          // 3. At the spot: a carried plugin that reads such a field has a step naming the field and its mount line.
          for (const m of mounts) {
            if (!carried.legacy.includes(m.pluginId) || !m.localFile || !m.importSource) continue;
            const pluginFile = resolveRelativeImport(file, m.importSource, (rel) => readIfExists(work, rel) !== undefined);
            const pluginSource = pluginFile ? readIfExists(work, pluginFile) : undefined;
            if (!pluginFile || pluginSource === undefined) continue;
            for (const field of readBridgeFile(pluginFile, pluginSource).envFields) {
              if (!declared.includes(field) || provided.has(field)) continue;
              if (messages.some((msg) => msg.includes(`\`${field}\``) && msg.includes(`${m.pluginId}: line ${m.line}`))) continue;
              problems.push(`${file}:${m.line} ${m.pluginId} reads \`${field}\`, which it does not get, and no step at its mount says so`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

test("the codemod's list of legacyPlugin env fields is the bridge's own mapping", async () => {
  const { LEGACY_ENV_FIELDS } = await import('../../codemods/transforms/shared/legacyEnv');
  expect(LEGACY_ENV_FIELDS.map((f) => f.field).sort()).toEqual([...FORKLIFT_LEGACY_PLUGIN_FIELDS].sort());
  expect(LEGACY_ENV_FIELDS.map((f) => f.field).sort()).toEqual([...BACKSTAGE_LEGACY_PLUGIN_FIELDS].sort());
});

function readIfExists(root: string, rel: string): string | undefined {
  const full = path.join(root, rel);
  return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, 'utf8') : undefined;
}
