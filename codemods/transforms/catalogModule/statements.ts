/**
 * Finding the statement a builder call belongs to, and the TODOs left above statements: collected while the
 * file is read, then spliced in with the line each ends up on.
 */
import { indentAt, lineAt, spliceAll } from '../shared/source';
import type { ManualStep } from '../types';
import type { LooseNode, LoosePath } from '../shared/ast';

/** The statement that holds a node and sits directly in a block or the program. */
export function statementOf(path: LoosePath): LooseNode | undefined {
  for (let p = path; p && p.parent; p = p.parent) {
    if (/^(BlockStatement|Program|StaticBlock)$/.test(p.parent.node.type)) return p.node;
  }
  return undefined;
}

export function enclosing(path: LoosePath, type: string): LoosePath | undefined {
  for (let p = path.parent; p; p = p.parent) if (p.node.type === type) return p;
  return undefined;
}

export function unwrapAwait(node: LooseNode): LooseNode {
  return node?.type === 'AwaitExpression' ? node.argument : node;
}

/** True when the line right above the statement already carries a forklift TODO (a run before left it). */
export function hasTodo(source: string, statement: LooseNode): boolean {
  const lineStart = source.lastIndexOf('\n', statement.start - 1) + 1;
  const before = source.slice(0, lineStart).replace(/\n$/, '');
  const previous = before.slice(before.lastIndexOf('\n') + 1);
  return /^\s*\/\/ TODO\(forklift\):/.test(previous);
}

/**
 * The TODOs of one file. A step that several statements need word for word (twenty providers that each use the
 * same local schedule) is written once, above the first of them, listing every line it applies to; the others
 * get a short pointer to it, so a rerun still sees them as handled.
 */
export class TodoList {
  readonly #byStatement = new Map<LooseNode, Array<{ message: string; label?: string }>>();

  readonly #path: string;
  readonly #source: string;

  constructor(path: string, source: string) {
    this.#path = path;
    this.#source = source;
  }

  get size(): number {
    return this.#byStatement.size;
  }

  /** `label` names the statement in a grouped step's list (the provider or processor it adds). */
  add(statement: LooseNode, message: string, label?: string): void {
    if (hasTodo(this.#source, statement)) return;
    const list = this.#byStatement.get(statement) ?? [];
    if (!list.some((m) => m.message === message)) list.push({ message, ...(label ? { label } : {}) });
    this.#byStatement.set(statement, list);
  }

  /** The source with every TODO above its statement, and the manual steps at the lines they land on. */
  apply(): { source: string; manualSteps: ManualStep[] } {
    const ordered = [...this.#byStatement.entries()].sort((a, b) => a[0].start - b[0].start);
    const placed = placeTodos(this.#source, ordered);
    const groups = new Map<string, Array<{ statementLine: number; todoLine: number; label?: string }>>();
    for (const { messages, firstTodoLine, statementLine } of placed)
      messages.forEach(({ message, label }, i) => {
        const group = groups.get(message) ?? [];
        group.push({ statementLine, todoLine: firstTodoLine + i, label });
        groups.set(message, group);
      });
    const manualSteps: ManualStep[] = [];
    const edits: Array<{ start: number; end: number; text: string }> = [];
    for (const { statement, messages, firstTodoLine, statementLine } of placed) {
      const indent = indentAt(this.#source, statement.start);
      const lines = messages.map(({ message }, i) => {
        const group = groups.get(message)!;
        if (group.length === 1) {
          manualSteps.push({ path: this.#path, line: firstTodoLine + i, message });
          return message;
        }
        if (group[0].statementLine !== statementLine) return `same step as the TODO at line ${group[0].todoLine}.`;
        const listed = group.map((g) => `line ${g.statementLine}${g.label ? ` (${g.label})` : ''}`).join(', ');
        const grouped = `${message} The same step applies to ${group.length} calls: ${listed}.`;
        manualSteps.push({ path: this.#path, line: firstTodoLine + i, message: grouped });
        return grouped;
      });
      edits.push({ start: statement.start, end: statement.start, text: lines.map((m) => `// TODO(forklift): ${m}\n${indent}`).join('') });
    }
    return { source: spliceAll(this.#source, edits), manualSteps };
  }
}

/** Where each statement's TODO lines and the statement itself end up once every TODO above it is inserted. */
function placeTodos(
  source: string,
  ordered: Array<[LooseNode, Array<{ message: string; label?: string }>]>,
): Array<{ statement: LooseNode; messages: Array<{ message: string; label?: string }>; firstTodoLine: number; statementLine: number }> {
  let inserted = 0;
  return ordered.map(([statement, messages]) => {
    const firstTodoLine = lineAt(source, statement.start) + inserted;
    inserted += messages.length;
    return { statement, messages, firstTodoLine, statementLine: firstTodoLine + messages.length };
  });
}
