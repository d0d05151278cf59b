/**
 * Transforms work on `\n` text without a byte-order mark (the parser drops a BOM, which would shift every
 * offset by one); files written with `\r\n` or a BOM get them back on the way out. Each changed file keeps its
 * own, and a created file takes those of the file the transform ran on.
 */
import type { SourceFile, TransformContext, TransformResult } from '../types';

const BOM = '\uFEFF';

interface TextForm {
  crlf: boolean;
  bom: boolean;
}

function formOf(text: string): TextForm {
  return { crlf: text.includes('\r\n'), bom: text.startsWith(BOM) };
}

function plain(text: string): string {
  return (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n/g, '\n');
}

function restore(text: string, form: TextForm): string {
  const lines = form.crlf ? text.replace(/\n/g, '\r\n') : text;
  return form.bom ? BOM + lines : lines;
}

export function withOwnLineEndings(
  file: SourceFile,
  context: TransformContext,
  apply: (file: SourceFile, context: TransformContext) => TransformResult,
): TransformResult {
  const forms = new Map<string, TextForm>([[file.path, formOf(file.source)]]);
  const readFile = (path: string) => {
    const text = context.readFile(path);
    if (text === undefined) return undefined;
    forms.set(path, formOf(text));
    return plain(text);
  };
  const result = apply({ path: file.path, source: plain(file.source) }, { ...context, readFile });
  if (![...forms.values()].some((f) => f.crlf || f.bom)) return result;
  return {
    ...result,
    files: result.files.map((outcome) => {
      if (outcome.status !== 'ok' && outcome.status !== 'created') return outcome;
      const form = forms.get(outcome.path) ?? { ...forms.get(file.path)!, bom: false };
      return { ...outcome, source: restore(outcome.source, form) };
    }),
  };
}
