/**
 * Reads a new-system backend index (`createBackend()`) for the lines that say how each plugin runs:
 * `backend.add(legacyPlugin('todo', import('./plugins/todo')))` (bridged), `backend.add(import('@x/todo'))`
 * (native, or a module when the import is a file of the backend), `backend.add(legacyAuthModule('todo'))`
 * (the bridge's open routes kept for a native plugin). Offsets cover whole lines, so an edit can remove
 * or replace a statement without leaving an empty line behind.
 */
import type { namedTypes } from 'ast-types';
import { parseForReading, parserForPath } from '../transforms/shared/parser';

type Node = namedTypes.ASTNode;

/** The name `forklift/legacy-bridge` exports for keeping a native plugin's routes as open as the bridge kept them. */
export const LEGACY_AUTH_MODULE = 'legacyAuthModule';

interface Span {
  /** Offset of the first character of the statement's first line. */
  start: number;
  /** Offset just past the statement's last line, its newline included. */
  end: number;
  /** The statement's text, exactly as written (without indentation before it or the newline after it). */
  text: string;
  /** 1-based line of the statement. */
  line: number;
  /** The object `.add` is called on (`backend`). */
  receiver: string;
}

export type BackendLine =
  | (Span & { kind: 'bridge'; pluginId: string; specifier: string; factory: string })
  | (Span & { kind: 'native'; specifier: string })
  | (Span & { kind: 'module'; specifier: string })
  | (Span & { kind: 'auth'; pluginId: string });

export interface ImportLine {
  start: number;
  end: number;
  from: string;
  /** Named imports as `imported` names (type-only and renamed ones make the line unsafe to rewrite). */
  names: string[];
  /** True when the import is exactly `import { a, b } from '...'` with plain names. */
  plain: boolean;
}

export interface BackendIndexLines {
  lines: BackendLine[];
  imports: ImportLine[];
}

export const BACKEND_CODE = /\bcreateBackend\s*\(/;

function stringOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if ((node.type === 'StringLiteral' || node.type === 'Literal') && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `import('x')` as Babel parses it (a call with an `Import` callee) or as an ImportExpression. */
function importedSpecifier(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if ((node.type as string) === 'ImportExpression') return stringOf((node as unknown as { source: Node }).source);
  if (node.type === 'CallExpression' && (node.callee.type as string) === 'Import') return stringOf(node.arguments[0] as Node);
  return undefined;
}

function wholeLines(source: string, start: number, end: number): { start: number; end: number } {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const newline = source.indexOf('\n', end);
  const onlySpaceBefore = source.slice(lineStart, start).trim() === '';
  const onlySpaceAfter = source.slice(end, newline < 0 ? source.length : newline).trim() === '';
  return {
    start: onlySpaceBefore ? lineStart : start,
    end: onlySpaceAfter ? (newline < 0 ? source.length : newline + 1) : end,
  };
}

function readAdd(source: string, statement: Node): BackendLine | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const call = statement.expression as Node;
  if (call.type !== 'CallExpression' || call.arguments.length !== 1) return undefined;
  const callee = call.callee as Node;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || callee.property.name !== 'add') return undefined;
  if (callee.object.type !== 'Identifier') return undefined;
  const { start, end } = statement as unknown as { start: number; end: number };
  const span = {
    ...wholeLines(source, start, end),
    text: source.slice(start, end),
    line: (statement.loc?.start.line as number | undefined) ?? 0,
    receiver: callee.object.name,
  };
  const arg = call.arguments[0] as Node;
  const direct = importedSpecifier(arg);
  if (direct !== undefined) return { ...span, kind: direct.startsWith('.') ? 'module' : 'native', specifier: direct };
  if (arg.type !== 'CallExpression' || arg.callee.type !== 'Identifier') return undefined;
  const factory = arg.callee.name;
  const pluginId = stringOf(arg.arguments[0] as Node);
  if (pluginId === undefined) return undefined;
  if (factory === LEGACY_AUTH_MODULE && arg.arguments.length === 1) return { ...span, kind: 'auth', pluginId };
  const specifier = arg.arguments.length === 2 ? importedSpecifier(arg.arguments[1] as Node) : undefined;
  if (specifier === undefined || !specifier.startsWith('.')) return undefined;
  return { ...span, kind: 'bridge', pluginId, specifier, factory };
}

function readImport(source: string, statement: Node): ImportLine | undefined {
  if (statement.type !== 'ImportDeclaration' || typeof statement.source.value !== 'string') return undefined;
  const specifiers = statement.specifiers ?? [];
  const plain =
    (statement as { importKind?: string }).importKind !== 'type' &&
    specifiers.length > 0 &&
    specifiers.every(
      (s) =>
        s.type === 'ImportSpecifier' &&
        (s as { importKind?: string }).importKind !== 'type' &&
        s.local?.name === (s.imported as { name?: string }).name,
    );
  const names = specifiers.filter((s) => s.type === 'ImportSpecifier').map((s) => String((s as namedTypes.ImportSpecifier).imported.name));
  const { start, end } = statement as unknown as { start: number; end: number };
  return { ...wholeLines(source, start, end), from: statement.source.value, names, plain };
}

/** Throws the parser's error when the file does not parse. */
export function readBackendLines(path: string, source: string): BackendIndexLines {
  const program = parseForReading(source, parserForPath(path) ?? 'ts').program as namedTypes.Program;
  const lines: BackendLine[] = [];
  const imports: ImportLine[] = [];
  const visit = (statements: Node[]) => {
    for (const statement of statements) {
      const imported = readImport(source, statement);
      if (imported) imports.push(imported);
      const line = readAdd(source, statement);
      if (line) lines.push(line);
      // `async function main() { const backend = createBackend(); backend.add(...) }` is a shape seen in the wild.
      if (statement.type === 'FunctionDeclaration' && statement.body.type === 'BlockStatement') visit(statement.body.body as Node[]);
    }
  };
  visit(program.body as Node[]);
  return { lines, imports };
}
