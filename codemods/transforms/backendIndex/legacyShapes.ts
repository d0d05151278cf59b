/**
 * The recognisable shapes of a legacy index's top level: `makeCreateEnv`, the function that builds the
 * service (`main`, an exported `startBackend`), the `module.hot` tail and the call that starts it all.
 */
import type { namedTypes } from 'ast-types';

type Node = namedTypes.ASTNode;

type Token = { type: { label: string } | string; value?: unknown; start: number };

/**
 * Where the file calls `createServiceBuilder(`, read from the parser's tokens: comments are not tokens, so
 * kept code in a TODO never counts, and one pass over the tokens is far cheaper than walking the tree.
 */
export function builderCallOffsets(file: { tokens?: Token[] }): number[] {
  const tokens = file.tokens ?? [];
  const offsets: number[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.value === 'createServiceBuilder' && labelOf(next) === '(' && labelOf(t) === 'name') offsets.push(t.start);
  }
  return offsets;
}

function labelOf(token: Token): string {
  return typeof token.type === 'string' ? token.type : token.type.label;
}

export function findMakeCreateEnv(program: namedTypes.Program): Node | undefined {
  for (const s of program.body as Node[]) {
    if (s.type === 'FunctionDeclaration' && s.id?.name === 'makeCreateEnv') return s;
    if (s.type === 'VariableDeclaration') {
      const d = s.declarations[0];
      if (d?.type === 'VariableDeclarator' && d.id.type === 'Identifier' && d.id.name === 'makeCreateEnv') return d;
    }
  }
  return undefined;
}

/** The body of the function that builds the service (`async function main() { ... }`), when `s` is it. */
export function builderFunctionBody(builderCalls: readonly number[], s: Node): Node[] | undefined {
  let fn: Node | undefined = s;
  if ((fn.type === 'ExportNamedDeclaration' || fn.type === 'ExportDefaultDeclaration') && fn.declaration) fn = fn.declaration as Node;
  if (fn.type === 'VariableDeclaration' && fn.declarations.length === 1)
    fn = (fn.declarations[0] as namedTypes.VariableDeclarator).init as Node;
  if (!fn || (fn.type !== 'FunctionDeclaration' && fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression'))
    return undefined;
  if (fn.body.type !== 'BlockStatement') return undefined;
  const { start, end } = fn.body as unknown as { start: number; end: number };
  return builderCalls.some((at) => at > start && at < end) ? (fn.body.body as Node[]) : undefined;
}

export function exportedName(s: Node): string | undefined {
  if (s.type === 'ExportDefaultDeclaration') return functionName(s) ?? 'default';
  return s.type === 'ExportNamedDeclaration' ? functionName(s) : undefined;
}

export function functionName(s: Node): string | undefined {
  const d = (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration ? (s.declaration as Node) : s;
  if (d.type === 'FunctionDeclaration') return d.id?.name as string | undefined;
  if (d.type === 'VariableDeclaration' && d.declarations[0]?.type === 'VariableDeclarator' && d.declarations[0].id.type === 'Identifier') {
    return d.declarations[0].id.name;
  }
  return undefined;
}

/** `module.hot?.accept();` */
export function isHotReloadTail(s: Node): boolean {
  if (s.type !== 'ExpressionStatement') return false;
  const text = JSON.stringify(s.expression, ['type', 'object', 'property', 'name', 'callee', 'left', 'right', 'expression']);
  return text.includes('"name":"module"') && text.includes('"name":"hot"');
}

/** `main().catch(...)`, `main()`, `void main()`, for any of the functions that built the service. */
export function isStartCall(s: Node, starters: ReadonlySet<string>): boolean {
  if (s.type !== 'ExpressionStatement') return false;
  let e = s.expression as Node;
  if (e.type === 'UnaryExpression') e = e.argument as Node;
  if (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && e.callee.object.type === 'CallExpression') e = e.callee.object;
  return e.type === 'CallExpression' && e.callee.type === 'Identifier' && starters.has(e.callee.name) && e.arguments.length === 0;
}
