#!/usr/bin/env node
// The AKS Guardrails CLI. The esbuild bundle (dist/cli.js) loads ~15% faster than the compiled sources
// (one file instead of ~90 modules), so it is used unless the compiled sources are newer (a checkout where
// `tsc -b` ran after the last bundle); `npm run build` refreshes both.
const fs = require('node:fs');
const path = require('node:path');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
const compiled = path.join(__dirname, '..', 'server', 'out', 'cli.js');
const buildInfo = path.join(__dirname, '..', 'server', 'out', '.tsbuildinfo');
const mtime = (f) => { try { return fs.statSync(f).mtimeMs; } catch { return -1; } };
const target = mtime(bundled) >= 0 && mtime(bundled) >= mtime(buildInfo) ? bundled : fs.existsSync(compiled) ? compiled : bundled;
if (!fs.existsSync(target)) {
  process.stderr.write('aks-guardrails: not built yet. Run `npm install && npm run build` first.\n');
  process.exit(2);
}
process.exitCode = require(target).main(process.argv.slice(2));
