/** Which names a piece of code reads: from the AST when there is one, from the text for commented-out code. */
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';

type Node = namedTypes.ASTNode;

/** Identifiers read by an expression: not property names, not names it declares itself. */
export function freeIdentifiers(j: JSCodeshift, node: Node): string[] {
  const declared = new Set<string>();
  const names: string[] = [];
  j(node as never)
    .find(j.Function)
    .forEach((p) =>
      p.node.params.forEach((param) =>
        j(param as never)
          .find(j.Identifier)
          .forEach((id) => declared.add(id.node.name)),
      ),
    );
  j(node as never)
    .find(j.Identifier)
    .forEach((p: ASTPath<namedTypes.Identifier>) => {
      const parent = p.parentPath?.node as Node | undefined;
      if (!parent) return;
      if (
        (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === p.node &&
        !parent.computed
      )
        return;
      if (
        (parent.type === 'ObjectProperty' || parent.type === 'Property') &&
        parent.key === p.node &&
        !parent.computed &&
        !parent.shorthand
      )
        return;
      if (parent.type.startsWith('TS')) return;
      if (!declared.has(p.node.name)) names.push(p.node.name);
    });
  if (node.type === 'Identifier') names.push(node.name);
  return names;
}

/** Word-like tokens of some code text; enough to tell which imports commented-out code still mentions. */
export function identifierNamesInText(text: string): string[] {
  return text.match(/[A-Za-z_$][\w$]*/g) ?? [];
}

/** Names every module can read without importing them. */
export const GLOBAL_NAMES: ReadonlySet<string> = new Set([
  'process',
  'console',
  'JSON',
  'Math',
  'Date',
  'Promise',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Buffer',
  'URL',
  'Error',
  'undefined',
  'setTimeout',
  'setInterval',
]);
