#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm install` (the prepare script) into dist/.
require('../dist/codemods/cli.js').main(process.argv);
