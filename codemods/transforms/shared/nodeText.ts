/**
 * A node's code as written. Every reader and transform quotes code through this one function, so a report
 * line, a TODO and a carried expression show the same text for the same node.
 */
import jscodeshift from 'jscodeshift';

/**
 * The node's exact text in the source it was parsed from. A node built by a transform has no offsets; it is
 * printed instead.
 */
export function textOf(source: string, node: unknown): string {
  const { start, end } = node as { start?: number; end?: number };
  if (typeof start === 'number' && typeof end === 'number') return source.slice(start, end);
  return jscodeshift(node as never).toSource();
}
