/**
 * Marks the legacy `createRouter` `@deprecated` in the file that declares it: a line added to its existing
 * doc comment, or a new doc comment when it has none. Text splicing, so nothing else in the file moves.
 */
import { indentAt, spliceAll } from '../shared/source';
import type { RouterDeclaration } from './locateRouter';
import type { LooseNode } from '../shared/ast';

/** The new source of the declaring file, or undefined when createRouter is already marked. */
export function deprecateCreateRouter(decl: RouterDeclaration, note: string): string | undefined {
  const { source, statement } = decl;
  const indent = indentAt(source, statement.start);
  const doc = docCommentOf(source, statement);
  if (doc) {
    const text = source.slice(doc.start, doc.end);
    if (/@deprecated\b/.test(text)) return undefined;
    if (!text.includes('\n')) {
      // `/** @public */` becomes a block so both tags read as a list.
      const inner = text.replace(/^\/\*\*\s*/, '').replace(/\s*\*\/$/, '');
      const lead = inner ? [`${indent} * ${inner}`] : [];
      const block = ['/**', ...lead, `${indent} * @deprecated ${note}`, `${indent} */`].join('\n');
      return spliceAll(source, [{ start: doc.start, end: doc.end, text: block }]);
    }
    const closeAt = doc.end - 2;
    const lineStart = source.lastIndexOf('\n', closeAt - 1) + 1;
    const closingPrefix = source.slice(lineStart, closeAt);
    const starIndent = /^\s*$/.test(closingPrefix) ? closingPrefix : `${indent} `;
    return spliceAll(source, [{ start: lineStart, end: lineStart, text: `${starIndent}* @deprecated ${note}\n` }]);
  }
  return spliceAll(source, [{ start: statement.start, end: statement.start, text: `/** @deprecated ${note} */\n${indent}` }]);
}

/** The `/** ... *\/` block that ends right before the statement, if any. */
function docCommentOf(source: string, statement: LooseNode): { start: number; end: number } | undefined {
  const comments: LooseNode[] = (statement.comments ?? statement.leadingComments ?? []).filter(
    (c: LooseNode) => c.leading !== false && c.end <= statement.start,
  );
  const last = comments[comments.length - 1];
  if (!last || last.type !== 'CommentBlock') return undefined;
  if (!source.startsWith('/**', last.start)) return undefined;
  if (!/^\s*$/.test(source.slice(last.end, statement.start))) return undefined;
  return { start: last.start, end: last.end };
}
