/**
 * A moved call keeps its own formatting, but rewriting `env.logger` into `loggerToWinstonLogger(logger)` can
 * push a line past the print width. Such a line gets its outermost one-line object literal broken into one
 * property per line, the way prettier would lay it out. Nothing else is reformatted.
 */
export function reflowLongLines(text: string, indentUnit: string, width = 80): string {
  const out: string[] = [];
  for (const line of text.split('\n')) out.push(...breakLine(line, indentUnit, width, 0));
  return out.join('\n');
}

function breakLine(line: string, indentUnit: string, width: number, depth: number): string[] {
  if (line.length <= width || depth > 4) return [line];
  const span = outermostObject(line);
  if (!span) return [line];
  const inner = line.slice(span.open + 1, span.close).trim();
  const props = splitTopLevel(inner);
  if (props.length === 0) return [line];
  const indent = /^\s*/.exec(line)![0];
  const head = line.slice(0, span.open + 1);
  const tail = line.slice(span.close);
  const body = props.flatMap((p) => breakLine(`${indent}${indentUnit}${p},`, indentUnit, width, depth + 1));
  return [head, ...body, `${indent}${tail}`];
}

/** The first `{` whose matching `}` is on the same line, skipping strings. */
function outermostObject(line: string): { open: number; close: number } | undefined {
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '{') continue;
    let depth = 0;
    let quote: string | undefined;
    for (let k = i; k < line.length; k++) {
      const c = line[k];
      if (quote) {
        if (c === '\\') k++;
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return { open: i, close: k };
    }
    return undefined;
  }
  return undefined;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}
