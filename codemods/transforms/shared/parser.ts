/**
 * The jscodeshift parser for a file, by extension. The runner and every transform use this one table so a
 * file is always read the way it will be written.
 */
import type { namedTypes } from 'ast-types';

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

function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}

/** The parser for `path`; undefined when the file is not source code the transforms read. */
export function parserForPath(path: string): ParserName | undefined {
  return PARSERS[extensionOf(path)];
}

interface RawParser {
  parse(source: string): unknown;
}

const rawParsers = new Map<ParserName, RawParser>();

function rawParser(name: ParserName): RawParser {
  let parser = rawParsers.get(name);
  if (!parser) {
    const module = name === 'babel' ? 'jscodeshift/parser/babel5Compat' : `jscodeshift/parser/${name}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
    parser = (require(module) as () => RawParser)();
    rawParsers.set(name, parser);
  }
  return parser;
}

/**
 * Parses for reading only: the same Babel parser and options jscodeshift uses, without recast's
 * bookkeeping for reprinting (several times faster). Wrap the result with `jscodeshift(ast)` to query it;
 * never print it. Throws the parser's error (with `loc`) when the source does not parse.
 */
export function parseForReading(source: string, parser: ParserName): namedTypes.File {
  return rawParser(parser).parse(source) as namedTypes.File;
}

const cores = new Map<ParserName, import('jscodeshift').JSCodeshift>();

/**
 * `jscodeshift.withParser(name)`, made once per parser: each call builds a new API object with every
 * builder and type copied onto it, which costs more than parsing a small file.
 */
export function jscodeshiftFor(name: ParserName): import('jscodeshift').JSCodeshift {
  let core = cores.get(name);
  if (!core) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
    core = (require('jscodeshift') as typeof import('jscodeshift')).withParser(name);
    cores.set(name, core);
  }
  return core;
}
