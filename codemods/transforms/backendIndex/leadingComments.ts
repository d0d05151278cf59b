import type { namedTypes } from 'ast-types';
import { commentsOf } from './todo';

type Node = namedTypes.ASTNode;

/** The text of the comments on the lines above a statement. */
export function leadingCommentsOf(source: string, node: Node): string[] {
  const comments = commentsOf(node).filter((c) => c.leading);
  return comments.map((c) => source.slice(c.start, c.end));
}
