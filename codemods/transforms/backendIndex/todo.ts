/**
 * Code the transform does not understand is never dropped: it stays at its spot as a comment under a
 * `// TODO(forklift): <what and why>` line, and the same message becomes a manual step.
 */
export const TODO_PREFIX = 'TODO(forklift):';

/** Original code kept as a comment: its text as sliced from the source and the indentation of its first line. */
export interface KeptCode {
  text: string;
  indent: string;
}

/** The TODO line followed by the kept code, one `//` line per source line, at the top level of the file. */
export function todoBlock(message: string, kept?: KeptCode): string {
  const lines = [`// ${TODO_PREFIX} ${message}`];
  if (kept) {
    kept.text.split('\n').forEach((line, i) => {
      const body = i === 0 ? line : line.startsWith(kept.indent) ? line.slice(kept.indent.length) : line.trimStart();
      lines.push(body.trim() === '' ? '//' : `// ${body.trimEnd()}`);
    });
  }
  return lines.join('\n');
}

/** Source text of a node with its own leading and same-line trailing comments, and the indentation it sits at. */
export function keptCodeOf(source: string, node: { start?: number | null; end?: number | null }): KeptCode {
  const comments = commentsOf(node);
  let start = node.start ?? 0;
  let end = node.end ?? start;
  for (const c of comments) {
    if (c.leading && c.start < start) start = c.start;
    if (c.trailing && !source.slice(end, c.start).includes('\n')) end = Math.max(end, c.end);
  }
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart, start))?.[0] ?? '';
  return { text: source.slice(start, end), indent };
}

/** Shorthand for the common case in messages: a short excerpt of code on one line. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3)}...`;
}

export interface AttachedComment {
  start: number;
  end: number;
  leading: boolean;
  trailing: boolean;
}

/** A node's comments as recast attaches them (`comments` with flags) or as Babel does (`leadingComments` ...). */
export function commentsOf(node: object): AttachedComment[] {
  const n = node as {
    comments?: Array<{ start: number; end: number; leading?: boolean; trailing?: boolean }>;
    leadingComments?: Array<{ start: number; end: number }>;
    trailingComments?: Array<{ start: number; end: number }>;
  };
  if (n.comments) return n.comments.map((c) => ({ start: c.start, end: c.end, leading: !!c.leading, trailing: !!c.trailing }));
  return [
    ...(n.leadingComments ?? []).map((c) => ({ start: c.start, end: c.end, leading: true, trailing: false })),
    ...(n.trailingComments ?? []).map((c) => ({ start: c.start, end: c.end, leading: false, trailing: true })),
  ];
}
