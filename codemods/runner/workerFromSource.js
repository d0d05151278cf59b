'use strict';
// Worker entry used when the runner itself runs from TypeScript sources (tests, `node --import tsx`):
// a worker thread starts without the parent's loaders, so it registers tsx before loading the worker.
require('tsx/cjs/api').register();
module.exports = require('./worker.ts');
