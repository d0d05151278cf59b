/**
 * The import block of the new index: the generated imports first, then each original import the new text
 * still mentions (live or in kept code), copied as written when untouched, merged when it shares a module.
 */
import type { namedTypes } from 'ast-types';
import { identifierNamesInText } from './identifiers';
import { namedImport, quoted, statement, type CodeStyle } from './style';
import { TODO_PREFIX } from './todo';
import { textOf } from '../shared/nodeText';

type Specifier = { kind: 'default' | 'namespace' | 'named'; imported: string; local: string; typeOnly: boolean };

export interface ImportsInput {
  source: string;
  style: CodeStyle;
  imports: namedTypes.ImportDeclaration[];
  /** Local names whose import goes even if still mentioned (plugin factories now loaded by `import()`). */
  consumed: ReadonlySet<string>;
  /** Local names whose import stays even when unused: the old file did not use them either. */
  keep?: ReadonlySet<string>;
}

export function importsText(
  { source, style, imports, consumed, keep: keepAlways }: ImportsInput,
  bodyText: string,
  generated: Map<string, string[]>,
): string {
  // TODO messages name things only to explain; the code, live or commented out, decides what stays imported.
  const code = bodyText
    .split('\n')
    .filter((line) => !line.trimStart().startsWith(`// ${TODO_PREFIX}`))
    .join('\n');
  const used = new Set(identifierNamesInText(code));
  const kept: string[] = [];
  for (const decl of imports) {
    const from = String(decl.source.value);
    const specifiers = (decl.specifiers ?? []).map(specifierOf);
    if (specifiers.length === 0) {
      kept.push(textOf(source, decl));
      continue;
    }
    const keep = specifiers.filter((sp) => (used.has(sp.local) || keepAlways?.has(sp.local)) && !consumed.has(sp.local));
    if (keep.length === 0) continue;
    const declTypeOnly = (decl as { importKind?: string }).importKind === 'type';
    const mergeable =
      generated.has(from) && !declTypeOnly && keep.every((sp) => sp.kind === 'named' && sp.imported === sp.local && !sp.typeOnly);
    if (mergeable) {
      generated.set(from, [...(generated.get(from) ?? []), ...keep.map((sp) => sp.local)]);
      continue;
    }
    if (keep.length === specifiers.length) {
      kept.push(textOf(source, decl));
      continue;
    }
    kept.push(printImport(style, keep, from, declTypeOnly));
  }
  const lines = [...generated.entries()].map(([from, names]) => namedImport(style, names, from));
  return [...lines, ...kept].join('\n');
}

function specifierOf(s: NonNullable<namedTypes.ImportDeclaration['specifiers']>[number]): Specifier {
  const local = String(s.local?.name ?? '');
  if (s.type === 'ImportDefaultSpecifier') return { kind: 'default', imported: 'default', local, typeOnly: false };
  if (s.type === 'ImportNamespaceSpecifier') return { kind: 'namespace', imported: '*', local, typeOnly: false };
  return { kind: 'named', imported: String(s.imported.name), local, typeOnly: (s as { importKind?: string }).importKind === 'type' };
}

function printImport(style: CodeStyle, specs: Specifier[], from: string, typeOnly: boolean): string {
  const def = specs.find((sp) => sp.kind === 'default');
  const ns = specs.find((sp) => sp.kind === 'namespace');
  const named = specs
    .filter((sp) => sp.kind === 'named')
    .map((sp) => `${sp.typeOnly ? 'type ' : ''}${sp.imported === sp.local ? sp.local : `${sp.imported} as ${sp.local}`}`);
  const parts = [def?.local, ns ? `* as ${ns.local}` : undefined, named.length ? `{ ${named.join(', ')} }` : undefined].filter(Boolean);
  return statement(style, `import ${typeOnly ? 'type ' : ''}${parts.join(', ')} from ${quoted(style, from)}`);
}
