/**
 * The one rule of plugin-export, checked as a property over every fixture (of every transform) and the legacy sample
 * whose legacy backend mounts a plugin package of the repository:
 *
 * 1. every option the backend's plugin file passed the package's `createRouter` that no core service provides is
 *    passed by the new plugin too, or named in a manual step of its plugin file;
 * 2. the new plugin's id is the segment the legacy backend mounted the package at, or a manual step of its plugin
 *    file names the id it chose (its URL).
 *
 * The expectation is read from the before tree with a plain parse, not from the transform's own reading.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeRepository } from '../../codemods/analysis';
import { legacyFieldMapping } from '../../codemods/transforms/shared/legacyServices';
import { parseForReading, parserForPath } from '../../codemods/transforms/shared/parser';
import type { LooseNode } from '../../codemods/transforms/shared/ast';
import { runMigrateJson } from './support/cli';
import { copyTree, makeTempDir } from './support/trees';

const REPO = path.join(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test', 'fixtures');

interface Case {
  name: string;
  dir: string;
  args: string[];
}

function fixtureCases(): Case[] {
  const cases: Case[] = [];
  for (const transform of fs.readdirSync(FIXTURES)) {
    for (const name of fs.readdirSync(path.join(FIXTURES, transform))) {
      const dir = path.join(FIXTURES, transform, name, 'before');
      if (!fs.existsSync(dir)) continue;
      const optionsFile = path.join(FIXTURES, transform, name, 'options.json');
      const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
      cases.push({ name: `${transform}/${name}`, dir, args: options.target ? ['--target', options.target] : [] });
    }
  }
  return cases;
}

/** The cases whose legacy backend mounts a package of the repository through a plugin file. */
const cases = [...fixtureCases(), { name: 'sample-legacy-backend', dir: path.join(REPO, 'sample-legacy-backend'), args: [] }].filter(
  (c) => {
    const facts = analyzeRepository(c.dir).facts;
    return Object.keys(facts.legacyPluginFiles ?? {}).some((pkg) => facts.packages.some((p) => p.name === pkg));
  },
);

/** Every walkable node below `node`. */
function* walk(node: unknown): Generator<LooseNode> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item);
    return;
  }
  const n = node as LooseNode;
  if (typeof n.type === 'string') yield n;
  for (const [key, value] of Object.entries(n)) if (key !== 'loc' && value && typeof value === 'object') yield* walk(value);
}

/** The option names of every `createRouter({...})` call of a file. */
function createRouterOptionNames(file: string, source: string): string[] {
  const names: string[] = [];
  for (const node of walk(parseForReading(source, parserForPath(file) ?? 'ts').program)) {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'createRouter') continue;
    const options = node.arguments[0];
    if (options?.type !== 'ObjectExpression') continue;
    for (const prop of options.properties) if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier') names.push(prop.key.name);
  }
  return names;
}

function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

test('some cases have a legacy backend wiring a plugin package of the repository', () => {
  expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(['plugin-export/wired-option-from-the-plugin-package']));
});

describe('every option the legacy wiring passed, and the URL, are kept or named', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const work = makeTempDir('wired-options');
    try {
      copyTree(c.dir, work);
      const { facts } = analyzeRepository(work);
      const { report } = await runMigrateJson([work, '--only', 'plugin-export', ...c.args]);
      const problems: string[] = [];
      for (const [pkgName, wiringFiles] of Object.entries(facts.legacyPluginFiles ?? {})) {
        const pkg = facts.packages.find((p) => p.name === pkgName);
        if (!pkg?.entry) continue;
        const pluginFile = path.posix.join(path.posix.dirname(pkg.entry), 'plugin.ts');
        const outcome = (report.files as Array<{ path: string; status: string }>).find((f) => f.path === pluginFile);
        if (outcome?.status !== 'created') continue;
        const plugin = read(work, pluginFile);
        const steps = (report.manualSteps as Array<{ path: string; message: string }>)
          .filter((s) => s.path === pluginFile)
          .map((s) => s.message);
        const passed = new Set(createRouterOptionNames(pluginFile, plugin));

        // 1. Options no core service provides: passed on, or named.
        for (const wiring of wiringFiles) {
          for (const option of createRouterOptionNames(wiring, read(work, wiring))) {
            if (legacyFieldMapping(option) || passed.has(option)) continue;
            if (steps.some((s) => s.includes(`\`${option}\``))) continue;
            problems.push(`${pluginFile}: \`${option}\`, passed by ${wiring}, is neither passed to createRouter nor named in a step`);
          }
        }
        // 2. The id: the mount segment, or named.
        const id = /pluginId: ['"]([^'"]+)['"]/.exec(plugin)?.[1];
        if (id !== facts.pluginIdsByPackage[pkgName] && !steps.some((s) => s.includes(`'${id}'`))) {
          problems.push(`${pluginFile}: the plugin id '${id}' is not the legacy mount segment and no step names it`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
