/**
 * The jscodeshift parser for a file, by extension. The runner and every transform use this one table so a
 * file is always read the way it will be written.
 */
export type ParserName = 'ts' | 'tsx' | 'babel';

const PARSERS: Record<string, ParserName> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'babel',
  '.jsx': 'babel',
  '.mjs': 'babel',
  '.cjs': 'babel',
};

/** The file extensions the runner treats as source code. */
export const SOURCE_EXTENSIONS: readonly string[] = Object.keys(PARSERS);

function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}

/** The parser for `path`; undefined when the file is not source code the transforms read. */
export function parserForPath(path: string): ParserName | undefined {
  return PARSERS[extensionOf(path)];
}
