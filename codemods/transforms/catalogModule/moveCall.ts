/**
 * Moving one builder call into a module: the call rewritten for the module's init body, and the imports the
 * names it uses need from the module's folder.
 */
import { posix } from 'node:path';
import type { ImportFamily } from '../shared/importFamily';
import { indentAt, relativeSpecifier, spliceAll, type CodeStyle } from '../shared/source';
import type { FieldForm } from './legacyTypedFields';
import type { EnvUse } from './movability';
import { reflowLongLines } from './reflow';
import type { LooseNode } from '../shared/ast';

export interface ImportedName {
  module: string;
  /** `default`, `*` or the exported name. */
  imported: string;
}

/**
 * The moved call: the builder becomes `catalog`, env fields become deps (in the form `formOf` gives each use),
 * re-indented for the init body; `todos` are what the stuck forms ask of a person.
 */
export function rewriteCall(
  source: string,
  statement: LooseNode,
  call: LooseNode,
  envUses: EnvUse[],
  family: ImportFamily,
  style: CodeStyle,
  formOf: (use: EnvUse) => FieldForm,
): { call: string; services: Array<{ key: string; ref: string }>; helpers: string[]; todos: string[] } {
  const services: Array<{ key: string; ref: string }> = [];
  const helpers = new Set<string>();
  const todos: string[] = [];
  const base = statement.start;
  const edits = [{ start: call.callee.object.start - base, end: call.callee.object.end - base, text: 'catalog' }];
  for (const use of envUses) {
    // The legacy environment's permissions field is the old permission client; the bridge has a ref for it.
    const legacyRef = family === 'forklift' && use.service === 'permissions' ? 'legacyPermissionsServiceRef' : undefined;
    if (legacyRef) helpers.add(legacyRef);
    if (!services.some((s) => s.key === use.field)) services.push({ key: use.field, ref: legacyRef ?? `coreServices.${use.service}` });
    let text = use.field;
    const form = formOf(use);
    if (form.kind === 'adapted') {
      text = `${form.helper}(${use.field})`;
      helpers.add(form.helper);
    }
    if (form.kind === 'stuck' && !todos.includes(form.todo)) todos.push(form.todo);
    if (use.property) text = text === use.field ? text : `${use.field}: ${text}`;
    edits.push({ start: use.start - base, end: use.end - base, text });
  }
  const statementText = spliceAll(source.slice(statement.start, statement.end), edits).replace(/^await\s+/, '');
  const fromIndent = indentAt(source, statement.start);
  const toIndent = style.indent.repeat(4);
  const moved = statementText
    .split('\n')
    .map((line, i) => (i === 0 ? toIndent + line : line.startsWith(fromIndent) ? toIndent + line.slice(fromIndent.length) : line))
    .join('\n');
  return { call: reflowLongLines(moved, style.indent), services, helpers: [...helpers], todos };
}

/** Import lines for the names a moved call uses, relative paths re-pointed from the module file. */
export function moduleImports(
  names: string[],
  imports: Map<string, ImportedName>,
  fromFile: string,
  modulePath: string,
): Array<{ names: string[]; module: string; defaultName?: string }> {
  const byModule = new Map<string, { names: string[]; module: string; defaultName?: string }>();
  for (const name of names) {
    const info = imports.get(name)!;
    const module = info.module.startsWith('.')
      ? relativeSpecifier(modulePath, posix.normalize(posix.join(posix.dirname(fromFile), info.module)))
      : info.module;
    const entry = byModule.get(module) ?? { names: [], module };
    if (info.imported === 'default') entry.defaultName = name;
    else if (info.imported === '*') entry.defaultName = `* as ${name}`;
    else entry.names.push(info.imported === name ? name : `${info.imported} as ${name}`);
    byModule.set(module, entry);
  }
  return [...byModule.values()];
}
