/**
 * The edits `adopt` makes to a backend index, as text: the rest of the file stays exactly as written. A bridge
 * line becomes the native plugin's line (and, for the forklift family, the line keeping its routes as open as
 * the bridge kept them); `--undo` puts the bridge line back as it was. The import of the legacy module then
 * names exactly what the file still uses.
 */
import { callStatement, detectStyle, namedImport, quoted } from '../transforms/backendIndex';
import { OUTPUT_MODULES } from '../transforms/shared/importFamily';
import { LEGACY_AUTH_MODULE, readBackendLines, type BackendLine } from './backendLines';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits that do not overlap, whatever their order. */
export function applyEdits(source: string, edits: TextEdit[]): string {
  let text = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

/** The whitespace before a statement on its first line. */
export function indentOf(source: string, line: BackendLine): string {
  const at = source.indexOf(line.text, line.start);
  return source.slice(line.start, at < 0 ? line.start : at);
}

/** The bridge line replaced by the native plugin's line (and the auth module's, when `keepOpen`). */
export function nativeLinesFor(source: string, line: Extract<BackendLine, { kind: 'bridge' }>, entry: string, keepOpen: boolean): TextEdit {
  const style = detectStyle(source);
  const indent = indentOf(source, line);
  const add = (arg: string) => `${indent}${callStatement(style, `${line.receiver}.add`, arg)}\n`;
  let text = add(`import(${quoted(style, entry)})`);
  if (keepOpen) text += add(`${LEGACY_AUTH_MODULE}(${quoted(style, line.pluginId)})`);
  return { start: line.start, end: line.end, text };
}

/** The native line replaced by the bridge line exactly as it was written (with its indentation). */
export function bridgeLineFor(native: BackendLine, bridged: { text: string; indent: string }): TextEdit {
  return { start: native.start, end: native.end, text: `${bridged.indent}${bridged.text}\n` };
}

export function removeLine(line: BackendLine): TextEdit {
  return { start: line.start, end: line.end, text: '' };
}

/**
 * Makes the import from the legacy module (`forklift/legacy-bridge`, `@backstage/backend-common`) name what
 * the file uses: the bridge factories still called, the auth module while a line adds it. Only a plain
 * `import { a, b } from '...'` is rewritten; a file without one gets one after its last import.
 */
export function reconcileLegacyImport(
  path: string,
  text: string,
  wanted: { add: string[]; dropUnused: string[]; /** The module to import from when the file has no such import yet. */ module?: string },
): string {
  const { lines, imports } = readBackendLines(path, text);
  const legacyModules = new Set(Object.values(OUTPUT_MODULES).map((m) => m.legacy));
  const current = imports.find((i) => legacyModules.has(i.from) && i.plain);
  const called = new Set(lines.flatMap((l) => (l.kind === 'bridge' ? [l.factory] : l.kind === 'auth' ? [LEGACY_AUTH_MODULE] : [])));
  const names = new Set(current?.names ?? []);
  for (const name of wanted.add) if (called.has(name)) names.add(name);
  for (const name of wanted.dropUnused) if (!called.has(name)) names.delete(name);
  if (current && names.size === current.names.length && current.names.every((n) => names.has(n))) return text;
  const style = detectStyle(text);
  const from = current?.from ?? wanted.module ?? OUTPUT_MODULES.forklift.legacy;
  const line = names.size > 0 ? `${namedImport(style, [...names], from)}\n` : '';
  if (current) return applyEdits(text, [{ start: current.start, end: current.end, text: line }]);
  const last = imports[imports.length - 1];
  return last ? applyEdits(text, [{ start: last.end, end: last.end, text: line }]) : line + text;
}
