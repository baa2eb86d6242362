#!/usr/bin/env node
'use strict';
// `npx observability-lint report [dir]`: the route report (see `observability-lint --help`).
process.exitCode = require('../dist/report/cli.js').main(process.argv.slice(2));
