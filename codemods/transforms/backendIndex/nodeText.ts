import type { namedTypes } from 'ast-types';
import { commentsOf } from './todo';

type Node = namedTypes.ASTNode;

/** A node's code exactly as written in the source it was parsed from. */
export function textOf(source: string, node: Node): string {
  const { start, end } = node as unknown as { start: number; end: number };
  return source.slice(start, end);
}

/** The text of the comments on the lines above a statement. */
export function leadingCommentsOf(source: string, node: Node): string[] {
  const comments = commentsOf(node).filter((c) => c.leading);
  return comments.map((c) => source.slice(c.start, c.end));
}
