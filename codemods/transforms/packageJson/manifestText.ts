/**
 * Adds entries to a package.json's `dependencies` as text, so everything else stays as the user wrote it:
 * indentation (spaces or tabs), key order, one-line arrays, the trailing newline. The new entry goes in sorted
 * position when the existing entries are sorted, else at the end; a missing `dependencies` object is added
 * last. The text is valid JSON (the caller parsed it).
 */

interface Member {
  key: string;
  keyStart: number;
  /** Just past the member's value. */
  valueEnd: number;
}

/** Index just past the string starting at `at` (a `"`). */
function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Index just past the JSON value starting at `at` (after whitespace). */
function skipValue(text: string, at: number): number {
  let i = skipSpace(text, at);
  if (text[i] === '"') return skipString(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = skipString(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return i;
  }
  while (i < text.length && !/[,}\]\s]/.test(text[i])) i++;
  return i;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** The members of the object whose `{` is at `open`, and the index of its `}`. */
function membersOf(text: string, open: number): { members: Member[]; close: number } {
  const members: Member[] = [];
  let i = skipSpace(text, open + 1);
  while (text[i] === '"') {
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const colon = skipSpace(text, keyEnd);
    const valueEnd = skipValue(text, colon + 1);
    members.push({ key, keyStart: i, valueEnd });
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return { members, close: i };
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function indentBefore(text: string, at: number): string {
  return text.slice(lineStart(text, at), at);
}

/** One level of indentation as the file writes it (two spaces when it cannot tell). */
function indentUnit(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

/** The 1-based line of a `dependencies` entry (or of the `dependencies` key, or 1). */
export function lineOfDependency(text: string, name: string, field = 'dependencies'): number {
  const top = membersOf(text, text.indexOf('{'));
  const deps = top.members.find((m) => m.key === field);
  if (!deps) return 1;
  const inner = membersOf(text, skipSpace(text, skipSpace(text, skipString(text, deps.keyStart)) + 1));
  const at = inner.members.find((m) => m.key === name)?.keyStart ?? deps.keyStart;
  return text.slice(0, at).split('\n').length;
}

function isSorted(keys: string[]): boolean {
  return keys.every((key, i) => i === 0 || keys[i - 1].localeCompare(key, 'en') <= 0);
}

/** `text` with `"name": "range"` added to `dependencies`. */
export function addDependency(text: string, name: string, range: string): string {
  const entry = `${JSON.stringify(name)}: ${JSON.stringify(range)}`;
  const unit = indentUnit(text);
  const top = membersOf(text, text.indexOf('{'));
  const deps = top.members.find((m) => m.key === 'dependencies');
  if (!deps) {
    const block = `${JSON.stringify('dependencies')}: {\n${unit}${unit}${entry}\n${unit}}`;
    const last = top.members[top.members.length - 1];
    if (!last) return `${text.slice(0, top.close)}\n${unit}${block}\n${text.slice(top.close)}`;
    return `${text.slice(0, last.valueEnd)},\n${indentBefore(text, last.keyStart)}${block}${text.slice(last.valueEnd)}`;
  }
  const open = skipSpace(text, skipSpace(text, skipString(text, deps.keyStart)) + 1);
  const { members, close } = membersOf(text, open);
  const outer = indentBefore(text, deps.keyStart);
  if (members.length === 0) return `${text.slice(0, open + 1)}\n${outer}${unit}${entry}\n${outer}${text.slice(close)}`;
  const inner = indentBefore(text, members[0].keyStart);
  const keys = members.map((m) => m.key);
  const before = isSorted(keys) ? members.find((m) => m.key.localeCompare(name, 'en') > 0) : undefined;
  if (before) return `${text.slice(0, before.keyStart)}${entry},\n${inner}${text.slice(before.keyStart)}`;
  const last = members[members.length - 1];
  return `${text.slice(0, last.valueEnd)},\n${inner}${entry}${text.slice(last.valueEnd)}`;
}
