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

export class TodoList {
  readonly #byStatement = new Map<LooseNode, string[]>();

  readonly #path: string;
  readonly #source: string;

  constructor(path: string, source: string) {
    this.#path = path;
    this.#source = source;
  }

  get size(): number {
    return this.#byStatement.size;
  }

  add(statement: LooseNode, message: string): void {
    if (hasTodo(this.#source, statement)) return;
    const list = this.#byStatement.get(statement) ?? [];
    if (!list.includes(message)) list.push(message);
    this.#byStatement.set(statement, list);
  }

  /** The source with every TODO above its statement, and the manual steps at the lines they land on. */
  apply(): { source: string; manualSteps: ManualStep[] } {
    const ordered = [...this.#byStatement.entries()].sort((a, b) => a[0].start - b[0].start);
    const manualSteps: ManualStep[] = [];
    const edits: Array<{ start: number; end: number; text: string }> = [];
    let inserted = 0;
    for (const [statement, messages] of ordered) {
      const indent = indentAt(this.#source, statement.start);
      const line = lineAt(this.#source, statement.start);
      messages.forEach((message, i) => manualSteps.push({ path: this.#path, line: line + inserted + i, message }));
      inserted += messages.length;
      edits.push({
        start: statement.start,
        end: statement.start,
        text: messages.map((m) => `// TODO(forklift): ${m}\n${indent}`).join(''),
      });
    }
    return { source: spliceAll(this.#source, edits), manualSteps };
  }
}
