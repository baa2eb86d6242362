#!/usr/bin/env node
// Starts the Observability Lint language server: `observability-lint-server --stdio` (or `--node-ipc`).
require('../out/server.js');
