#!/usr/bin/env node
'use strict';
// `observability-lint <command> …`: each command is a module of its own, dist/cli/<command>.js, exporting
// main(args) → exit status. This file only dispatches, so commands are added without touching it.
const fs = require('node:fs');
const path = require('node:path');

const USAGE =
  "Usage: observability-lint <command> [options]\n\nCommands:\n  report   which routes of each service are logged, carry a request ID and are timed (table, json, markdown, html)\n  alerts   Prometheus rules and a Grafana dashboard for the request metrics the code records\n\nRun `observability-lint <command> --help` for a command's options.\n";

const [command, ...args] = process.argv.slice(2);
if (command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (command === undefined) {
  // A missing command is a usage error: the usage goes where errors go.
  process.stderr.write(USAGE);
  process.exit(2);
}
const modulePath = path.join(__dirname, '..', 'dist', 'cli', `${command}.js`);
if (!/^[a-z][a-z-]*$/.test(command) || !fs.existsSync(modulePath)) {
  process.stderr.write(`observability-lint: unknown command '${command}'\n\n${USAGE}`);
  process.exit(2);
}
Promise.resolve(require(modulePath).main(args)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`observability-lint ${command}: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
