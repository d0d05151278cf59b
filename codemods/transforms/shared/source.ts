/**
 * Small helpers the transforms share for reading source text: parsing with the right parser, the file's own
 * style (quotes, indentation, semicolons), line numbers and relative module paths. Transforms edit text by
 * splicing at AST offsets, so everything they do not touch stays byte for byte as it was.
 */
import { posix } from 'node:path';
import type { Collection, JSCodeshift } from 'jscodeshift';
import { jscodeshiftFor, parserForPath } from './parser';

export type Parsed = { j: JSCodeshift; root: Collection };

/** Parses with the runner's parser for the extension (TypeScript for unknown extensions). */
export function parse(path: string, source: string): Parsed {
  const j = jscodeshiftFor(parserForPath(path) ?? 'ts');
  return { j, root: j(source) };
}

/** 1-based line of an offset. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

export interface CodeStyle {
  quote: "'" | '"';
  /** One level of indentation. */
  indent: string;
  semi: boolean;
}

/** The style of an existing file, so generated files read like their neighbours. */
export function styleOf(source: string): CodeStyle {
  const fromQuote = /\bfrom\s+(['"])/.exec(source);
  const quote = (fromQuote?.[1] ?? "'") as "'" | '"';
  const indented = /\n([ \t]+)\S/.exec(source);
  const indent = indented
    ? indented[1].startsWith('\t')
      ? '\t'
      : indented[1].length >= 4 && indented[1].length % 4 === 0
        ? '    '
        : '  '
    : '  ';
  const semi = !/\bfrom\s+['"][^'"\n]+['"][ \t]*\n/.test(source) || /\bfrom\s+['"][^'"\n]+['"];/.test(source);
  return { quote, indent, semi };
}

/** A string literal in the given quote style. */
export function quoted(text: string, quote: "'" | '"'): string {
  return quote + text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs'];

/** The repository path a relative import points at, trying the usual extensions and `index` files. */
export function resolveImport(
  fromFile: string,
  specifier: string,
  readFile: (path: string) => string | undefined,
): { path: string; source: string } | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  const stripped = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => `${stripped}/index${e}`)];
  for (const path of candidates) {
    const source = readFile(path);
    if (source !== undefined) return { path, source };
  }
  return undefined;
}

/** The import specifier that reaches `toFile` from `fromFile`, without extension (`./service/router`). */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  let rel = posix.relative(posix.dirname(fromFile), toFile).replace(/\.(ts|tsx|js|jsx|mts|cts)$/, '');
  rel = rel.replace(/\/index$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** `tech-insights` -> `techInsights`. */
export function camelCase(id: string): string {
  const parts = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/** `OwnerDefaultsProcessor` -> `owner-defaults-processor`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** Applies non-overlapping text edits given as offsets into the original source. */
export function spliceAll(source: string, edits: Array<{ start: number; end: number; text: string }>): string {
  let out = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** A named import, broken one name per line when it does not fit the print width (as prettier does). */
export function importStatement(names: string[], module: string, style: CodeStyle, width = 80): string {
  const semi = style.semi ? ';' : '';
  const from = `from ${quoted(module, style.quote)}${semi}`;
  const oneLine = `import { ${names.join(', ')} } ${from}`;
  if (oneLine.length <= width || names.length < 2) return oneLine;
  return ['import {', ...names.map((n) => `${style.indent}${n},`), `} ${from}`].join('\n');
}
