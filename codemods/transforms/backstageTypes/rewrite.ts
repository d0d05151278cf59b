/**
 * The rewrite itself (see index.ts for why): `import { UrlReader, InputError } from 'forklift/legacy-bridge'`
 * becomes `import { InputError } from 'forklift/legacy-bridge'` plus
 * `import type { UrlReaderService as UrlReader } from '@backstage/backend-plugin-api'`. Pure text in, text out, so
 * plugin-export can apply it to the router file it rewrites for the same run.
 */
import { apiInRepository } from '../../analysis/publishedEntries';
import { importStatement, lineAt, parse, spliceAll, styleOf, type CodeStyle } from '../shared/source';
import type { LooseNode } from '../shared/ast';
import type { ManualStep, RepoFacts } from '../types';
import { BACKSTAGE_LEGACY_TYPES, type BackstageLegacyType } from './table';

export const FORKLIFT_LEGACY = 'forklift/legacy-bridge';
const TODO = 'TODO(forklift):';

type Versions = RepoFacts['versions'];

/** Where the counterpart comes from at the repository's versions, or why it cannot. */
type Decision = { kind: 'import'; specifier: string } | { kind: 'keep'; message: string };

function decide(type: BackstageLegacyType, versions: Versions): Decision {
  const found = apiInRepository(type.pkg, type.name, versions?.packages);
  // No data for the package, or no version known: the package root, as every transform's version-blind default.
  if (found.location.kind === 'found') return { kind: 'import', specifier: found.location.specifier };
  if (found.location.kind === 'unknown') return { kind: 'import', specifier: type.pkg };
  const minimum = found.location.minimum;
  return {
    kind: 'keep',
    message:
      `\`${type.forklift}\` stays forklift's type: ${type.pkg} ${found.version ?? ''}`.trimEnd() +
      ` has no ${type.name}${minimum ? ` (first in ${minimum})` : ''}, the type Backstage's legacyPlugin gives plugins here, ` +
      `so Backstage's services may not fit it; ${minimum ? `upgrade ${type.pkg} to ${minimum} or later` : `find the type ${type.pkg} uses for it`}, ` +
      `then import \`type { ${type.name} as ${type.forklift} }\` from '${type.pkg}' instead`,
  };
}

interface Specifier {
  /** The specifier's text as written (`type UrlReader`, `Config as Cfg`). */
  text: string;
  imported: string;
  local: string;
}

function specifiersOf(statement: LooseNode, source: string): Specifier[] | undefined {
  const specs: LooseNode[] = statement.specifiers ?? [];
  if (specs.length === 0 || specs.some((s) => s.type !== 'ImportSpecifier')) return undefined;
  return specs.map((s) => ({
    text: source.slice(s.start, s.end),
    imported: s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value),
    local: s.local.name,
  }));
}

function typeImport(names: string[], specifier: string, style: CodeStyle): string {
  // `import type` is five characters longer than `import`: break the list where prettier would.
  return `import type ${importStatement(names, specifier, style, 75).slice('import '.length)}`;
}

/**
 * The file with its forklift legacy types imported from Backstage at the repository's versions, and the manual
 * steps for those that stay; undefined when nothing changes. Throws when the file does not parse.
 */
export function rewriteBackstageTypes(
  file: { path: string; source: string },
  versions: Versions,
): { source: string; manualSteps: ManualStep[] } | undefined {
  const { j, root } = parse(file.path, file.source);
  const style = styleOf(file.source);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const todos: Array<{ offset: number; messages: string[] }> = [];

  root.find(j.ImportDeclaration).forEach((path) => {
    const statement = path.node as unknown as LooseNode;
    if (statement.source.value !== FORKLIFT_LEGACY) return;
    const specs = specifiersOf(statement, file.source);
    if (!specs) return;
    const moved = new Map<string, string[]>();
    const kept: string[] = [];
    const messages: string[] = [];
    for (const spec of specs) {
      const type = BACKSTAGE_LEGACY_TYPES.find((t) => t.forklift === spec.imported);
      const decision = type && decide(type, versions);
      if (!type || !decision || decision.kind === 'keep') {
        kept.push(spec.text);
        if (decision?.kind === 'keep') messages.push(decision.message);
        continue;
      }
      const name = type.name === spec.local ? type.name : `${type.name} as ${spec.local}`;
      moved.set(decision.specifier, [...(moved.get(decision.specifier) ?? []), name]);
    }
    const open = messages.filter((m) => !file.source.includes(`${TODO} ${m}`));
    if (open.length > 0) todos.push({ offset: statement.start, messages: open });
    if (moved.size === 0) return;
    const typeOnly = statement.importKind === 'type';
    const lines = [
      ...(kept.length > 0
        ? [
            (typeOnly ? 'import type ' : 'import ') +
              importStatement(kept, FORKLIFT_LEGACY, style, typeOnly ? 75 : 80).slice('import '.length),
          ]
        : []),
      ...[...moved].map(([specifier, names]) => typeImport(names, specifier, style)),
    ];
    edits.push({ start: statement.start, end: statement.end, text: lines.join('\n') });
  });

  for (const todo of todos) {
    edits.push({ start: todo.offset, end: todo.offset, text: todo.messages.map((m) => `// ${TODO} ${m}\n`).join('') });
  }
  if (edits.length === 0) return undefined;
  const source = spliceAll(file.source, edits);
  const manualSteps: ManualStep[] = [];
  for (const todo of todos) {
    for (const message of todo.messages) {
      const at = source.indexOf(`// ${TODO} ${message}`);
      manualSteps.push({ path: file.path, line: lineAt(source, at), message });
    }
  }
  return { source, manualSteps };
}
