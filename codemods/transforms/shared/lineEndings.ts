/**
 * Transforms work on `\n` text; files written with `\r\n` get their line endings back on the way out. Each
 * changed file keeps its own ending, and a created file takes the ending of the file the transform ran on.
 */
import type { SourceFile, TransformContext, TransformResult } from '../types';

export function withOwnLineEndings(
  file: SourceFile,
  context: TransformContext,
  apply: (file: SourceFile, context: TransformContext) => TransformResult,
): TransformResult {
  const crlfByPath = new Map<string, boolean>([[file.path, file.source.includes('\r\n')]]);
  const readFile = (path: string) => {
    const text = context.readFile(path);
    if (text === undefined) return undefined;
    crlfByPath.set(path, text.includes('\r\n'));
    return text.replace(/\r\n/g, '\n');
  };
  const result = apply({ path: file.path, source: file.source.replace(/\r\n/g, '\n') }, { ...context, readFile });
  if (![...crlfByPath.values()].some(Boolean)) return result;
  return {
    ...result,
    files: result.files.map((outcome) => {
      if (outcome.status !== 'ok' && outcome.status !== 'created') return outcome;
      const crlf = crlfByPath.get(outcome.path) ?? crlfByPath.get(file.path)!;
      return crlf ? { ...outcome, source: outcome.source.replace(/\n/g, '\r\n') } : outcome;
    }),
  };
}
