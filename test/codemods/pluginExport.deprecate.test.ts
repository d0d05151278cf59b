/** plugin-export: the @deprecated note it puts on the legacy createRouter. */
import { deprecateCreateRouter } from '../../codemods/transforms/pluginExport/deprecate';
import { locateCreateRouter } from '../../codemods/transforms/pluginExport/locateRouter';

describe('marking createRouter deprecated', () => {
  const mark = (source: string) => {
    const decl = locateCreateRouter('src/router.ts', source, () => undefined);
    if (!decl) throw new Error('createRouter not found');
    return deprecateCreateRouter(decl, 'NOTE');
  };

  it.each([
    ['no doc comment', 'export function createRouter() {}\n', '/** @deprecated NOTE */\nexport function createRouter() {}\n'],
    [
      'a one-line description',
      '/** Serves. */\nexport function createRouter() {}\n',
      '/**\n * Serves.\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'a one-line tag',
      '/** @public */\nexport function createRouter() {}\n',
      '/**\n * @public\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'a block ending in prose',
      '/**\n * Serves.\n */\nexport function createRouter() {}\n',
      '/**\n * Serves.\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'a block ending in tags',
      '/**\n * Serves.\n *\n * @public\n */\nexport function createRouter() {}\n',
      '/**\n * Serves.\n *\n * @public\n * @deprecated NOTE\n */\nexport function createRouter() {}\n',
    ],
    [
      'an arrow function',
      '  /** Serves. */\n  export const createRouter = async () => null;\n',
      '  /**\n   * Serves.\n   * @deprecated NOTE\n   */\n  export const createRouter = async () => null;\n',
    ],
  ])('adds the tag to %s', (_what, before, after) => {
    expect(mark(before)).toBe(after);
  });

  it('leaves a licence header above the doc comment alone', () => {
    const source =
      "/*\n * Copyright 2021 The Authors\n */\nimport express from 'express';\n\nexport function createRouter() { return express.Router(); }\n";
    expect(mark(source)).toBe(source.replace('export function', '/** @deprecated NOTE */\nexport function'));
  });
});
