/**
 * Makes a forklift transform into a jscodeshift transform module, for the side-by-side benchmark: the same
 * transform code (from dist/), applied file by file by the jscodeshift CLI. Repository facts are computed
 * once per jscodeshift worker process, on its first file, from the `--root=<dir>` option.
 */
const fs = require('fs');
const path = require('path');

const DIST = path.join(__dirname, '..', '..', 'dist', 'codemods');

module.exports = function wrap(name) {
  let state;

  function setup(root) {
    const { analyzeRepository } = require(path.join(DIST, 'analysis'));
    const { allTransforms } = require(path.join(DIST, 'transforms'));
    const transform = allTransforms.find((t) => t.name === name);
    if (!transform) throw new Error(`no transform named ${name} in dist/codemods/transforms`);
    const facts = analyzeRepository(root).facts;
    const context = {
      root,
      facts,
      readFile(rel) {
        try {
          return fs.readFileSync(path.join(root, rel), 'utf8');
        } catch {
          return undefined;
        }
      },
    };
    return { transform, context };
  }

  return function jscodeshiftTransform(fileInfo, _api, options) {
    const root = path.resolve(options.root);
    state = state || setup(root);
    const rel = path.relative(root, path.resolve(fileInfo.path)).split(path.sep).join('/');
    const file = { path: rel, source: fileInfo.source };
    if (!state.transform.matches(file)) return undefined;
    const result = state.transform.apply(file, state.context);
    let own;
    for (const outcome of result.files) {
      if (outcome.path === rel) {
        own = outcome;
        continue;
      }
      const full = path.join(root, outcome.path);
      if (outcome.status === 'deleted') fs.rmSync(full, { force: true });
      else if (outcome.source !== undefined) {
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, outcome.source);
      }
    }
    if (!own) return undefined;
    if (own.status === 'deleted') {
      fs.rmSync(path.resolve(fileInfo.path), { force: true });
      return undefined;
    }
    return own.status === 'ok' || own.status === 'created' ? own.source : undefined;
  };
};
