/**
 * The new index is assembled as text so it reads as if a person wrote it in the file's own style:
 * its quotes, semicolons and indentation, wrapped at 80 columns the way prettier would.
 */
export interface CodeStyle {
  quote: "'" | '"';
  semi: boolean;
  /** One indentation level (`'  '`, `'    '` or a tab). */
  indent: string;
}

const PRINT_WIDTH = 80;

/** Reads the style from the file's first import and its first indented line. */
export function detectStyle(source: string): CodeStyle {
  const firstImport = /^import\b[^;\n]*?from\s*(['"])[^'"\n]*\1(;?)/m.exec(source);
  // Comment lines (` * Licensed under ...`) say nothing about the code's indentation.
  const firstIndent = /^([ \t]+)[^\s*/]/m.exec(source);
  return {
    quote: firstImport?.[1] === '"' ? '"' : "'",
    semi: firstImport ? firstImport[2] === ';' : true,
    indent: firstIndent ? (firstIndent[1].startsWith('\t') ? '\t' : firstIndent[1]) : '  ',
  };
}

/** A string literal in the file's quote style. */
export function quoted(style: CodeStyle, value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').split(style.quote).join(`\\${style.quote}`);
  return `${style.quote}${escaped}${style.quote}`;
}

/** A statement with the file's semicolon habit. */
export function statement(style: CodeStyle, text: string): string {
  return style.semi ? `${text};` : text;
}

/** `import { a, b } from 'x';`, broken over lines with a trailing comma when it is too wide. */
export function namedImport(style: CodeStyle, names: readonly string[], from: string): string {
  const sorted = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  const oneLine = statement(style, `import { ${sorted.join(', ')} } from ${quoted(style, from)}`);
  if (oneLine.length <= PRINT_WIDTH) return oneLine;
  const body = sorted.map((n) => `${style.indent}${n},`).join('\n');
  return statement(style, `import {\n${body}\n} from ${quoted(style, from)}`);
}

/** `callee(arg);` on one line, or with the argument on its own line when it does not fit. */
export function callStatement(style: CodeStyle, callee: string, arg: string): string {
  const oneLine = statement(style, `${callee}(${arg})`);
  if (oneLine.length <= PRINT_WIDTH || arg.includes('\n')) return oneLine;
  return statement(style, `${callee}(\n${style.indent}${arg},\n)`);
}

/** Moves a block of source lines from one indentation to another, keeping their relative indentation. */
export function reindent(text: string, fromIndent: string, toIndent: string): string {
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0) return line;
      if (line.trim() === '') return '';
      return toIndent + (line.startsWith(fromIndent) ? line.slice(fromIndent.length) : line.trimStart());
    })
    .join('\n');
}
