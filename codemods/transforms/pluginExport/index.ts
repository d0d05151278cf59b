/**
 * plugin-export: a legacy plugin package (its entry exports `createRouter(options)`) gets a new-system plugin
 * in `src/plugin.ts`, exported as the package's default, while `createRouter` stays exported and is marked
 * `@deprecated` for the backends that still call it. Applies to package entries only; reads the rest of the
 * package through `context.readFile`.
 */
import { posix } from 'node:path';
import { rewriteBackstageTypes } from '../backstageTypes/rewrite';
import { detectImportFamily, type ImportFamily } from '../shared/importFamily';
import { lineAt, quoted, relativeSpecifier, styleOf } from '../shared/source';
import { withOwnLineEndings } from '../shared/lineEndings';
import type { FileOutcome, ManualStep, SourceFile, Transform, TransformContext, TransformResult } from '../types';
import { deprecateCreateRouter } from './deprecate';
import { legacyCallSites, wiredOption } from './legacyWiring';
import { locateCreateRouter } from './locateRouter';
import { packageHasNewPlugin } from './packageScan';
import { guessedIdNote, packageOfEntry, pluginConstName, pluginIdentityOf, type PluginPackage } from './pluginIdentity';
import { renderPlugin } from './renderPlugin';
import { readRouterSignature } from './routerInputs';
import { readRouterTraits } from './routerTraits';

const ENTRY = /(^|\/)src\/index\.tsx?$/;

export const pluginExportTransform: Transform = {
  name: 'plugin-export',

  matches(file: SourceFile): boolean {
    return ENTRY.test(file.path) && file.source.includes('export');
  },

  apply(file: SourceFile, context: TransformContext): TransformResult {
    return withOwnLineEndings(file, context, applyPluginExport);
  },
};

function applyPluginExport(file: SourceFile, context: TransformContext): TransformResult {
  const unmodified: TransformResult = { files: [{ path: file.path, status: 'unmodified' }], manualSteps: [] };
  const pkg = packageOfEntry(file.path, context);
  if (!pkg) return unmodified;
  const known = context.facts.packages.find((p) => p.name === pkg.name);
  if (known?.migrated || packageHasNewPlugin(file.path, file.source, context.readFile)) return unmodified;

  const decl = locateCreateRouter(file.path, file.source, context.readFile);
  if (!decl) return unmodified;

  const pluginPath = posix.join(posix.dirname(file.path), 'plugin.ts');
  const skip = (message: string, step: ManualStep): TransformResult => ({
    files: [{ path: file.path, status: 'skipped', message }],
    manualSteps: [step],
  });
  if (context.readFile(pluginPath) !== undefined) {
    return skip(`${pluginPath} already exists`, {
      path: pluginPath,
      line: 1,
      message: `${pkg.name}: ${pluginPath} exists but holds no createBackendPlugin; add the new-system plugin there by hand, or move that file away and run again.`,
    });
  }
  if (/\bexport\s+default\b|\bas\s+default\b/.test(file.source)) {
    return skip('the entry already has a default export', {
      path: file.path,
      line: 1,
      message: `${pkg.name}: the entry already has a default export, so the new plugin cannot become the default; export it by hand.`,
    });
  }
  const signature = readRouterSignature(decl, context.readFile);
  if (signature.mode === 'unknown') {
    return skip(`cannot tell what createRouter takes: ${signature.reason}`, {
      path: decl.path,
      line: lineAt(decl.source, decl.fn.start),
      message: `${pkg.name}: cannot tell which services createRouter needs (${signature.reason}); write src/plugin.ts with createBackendPlugin by hand.`,
    });
  }

  const identity = pluginIdentityOf(pkg, context);
  const pluginId = identity.id;
  const constName = pluginConstName(pluginId);
  const style = styleOf(decl.source);
  const family = familyOf(file, decl.source, pkg, context);
  const wiring = { pkg, entryPath: file.path, pluginPath, family, context };
  const sites = legacyCallSites(wiring);
  const legacyFiles = context.facts.legacyPluginFiles?.[pkg.name] ?? [];
  const rendered = renderPlugin({
    family,
    style,
    pluginId,
    constName,
    routerSpecifier: relativeSpecifier(pluginPath, decl.path),
    mode: signature.mode,
    inputs: signature.inputs,
    traits: readRouterTraits(decl),
    wired: (field, taken) => wiredOption(field, sites, wiring, taken),
    // A plugin the repository's legacy backend serves is carried: its URL must stay, so a guessed id is a step.
    idNote: identity.from === 'package-name' && legacyFiles.length > 0 ? guessedIdNote(pkg, pluginId, legacyFiles) : undefined,
  });

  const note = `Install the plugin in the new backend system instead: \`backend.add(import('${pkg.name}'))\`.`;
  const deprecated = deprecateCreateRouter(decl, note);
  const entryBase = decl.path === file.path && deprecated !== undefined ? deprecated : file.source;
  const semi = styleOf(file.source).semi ? ';' : '';
  const exportLine = `export { ${constName} as default } from ${quoted('./plugin', styleOf(file.source).quote)}${semi}\n`;
  const entrySource = `${entryBase}${entryBase.endsWith('\n') || entryBase === '' ? '' : '\n'}${exportLine}`;

  const files: FileOutcome[] = [{ path: file.path, status: 'ok', source: entrySource }];
  const manualSteps: ManualStep[] = [];
  if (decl.path !== file.path && deprecated !== undefined) {
    // The router file is this task's to write, so the backstage-types rewrite it would get on its own happens here.
    const typed =
      context.target === 'backstage' ? rewriteBackstageTypes({ path: decl.path, source: deprecated }, context.facts.versions) : undefined;
    files.push({ path: decl.path, status: 'ok', source: typed?.source ?? deprecated });
    manualSteps.push(...(typed?.manualSteps ?? []));
  }
  files.push({ path: pluginPath, status: 'created', source: rendered.source });
  manualSteps.push(...rendered.todos.map((todo) => ({ path: pluginPath, line: todo.line, message: todo.message })));
  return { files, manualSteps };
}

/** `--target` wins; else the family of the package's imports; else of its dependencies; else forklift. */
function familyOf(file: SourceFile, routerSource: string, pkg: PluginPackage, context: TransformContext): ImportFamily {
  if (context.target) return context.target;
  const detected = detectImportFamily(`${file.source}\n${routerSource}`);
  if (detected) return detected;
  if (pkg.dependencies.includes('forklift')) return 'forklift';
  if (pkg.dependencies.some((d) => d.startsWith('@backstage/'))) return 'backstage';
  return 'forklift';
}
