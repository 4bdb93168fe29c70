#!/usr/bin/env node
// The AKS Guardrails CLI: the bundled build when packaged, the compiled sources in a checkout.
const fs = require('node:fs');
const path = require('node:path');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
const compiled = path.join(__dirname, '..', 'server', 'out', 'cli.js');
const target = fs.existsSync(compiled) ? compiled : bundled;
if (!fs.existsSync(target)) {
  process.stderr.write('aks-guardrails: not built yet. Run `npm install && npm run build` first.\n');
  process.exit(2);
}
process.exitCode = require(target).main(process.argv.slice(2));
