#!/usr/bin/env node
// Bundles the extension for the .vsix (no node_modules inside the package):
//   client/src/extension.ts -> dist/client.js   (the extension's `main`)
//   server/src/server.ts    -> dist/server.js   (forked by the client over IPC)
//   server/src/cli.ts       -> dist/cli.js      (command-line scanner)
// Usage: node scripts/esbuild.mjs [--minify] [--sourcemap]
// `npm run bundle` runs it; `npm run package` runs it before vsce.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const minify = args.has('--minify');
const sourcemap = args.has('--sourcemap');

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', what: 'language client (extension main)' },
  { in: 'server/src/server.ts', out: 'dist/server.js', what: 'language server' },
  { in: 'server/src/cli.ts', out: 'dist/cli.js', what: 'command-line interface' },
];

const missing = entries.filter((e) => !fs.existsSync(path.join(root, e.in)));
if (missing.length) {
  console.error('esbuild: cannot bundle, source file(s) missing:');
  for (const e of missing) console.error(`  ${e.in}  (${e.what})`);
  console.error('The bundle needs all of them; write/restore the sources, then rerun `npm run bundle`.');
  process.exit(1);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  // jsonc-parser's `main` is a UMD build whose internal require() calls
  // esbuild cannot follow; its `module` (ESM) build bundles cleanly.
  mainFields: ['module', 'main'],
  minify,
  sourcemap: sourcemap ? 'linked' : false,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

const t0 = Date.now();
try {
  for (const e of entries) {
    await build({ ...common, entryPoints: [e.in], outfile: e.out });
    const size = fs.statSync(path.join(root, e.out)).size;
    console.log(`esbuild: ${e.in} -> ${e.out} (${(size / 1024).toFixed(0)} KiB)`);
  }
} catch (err) {
  // esbuild already printed the errors with file:line.
  console.error(`esbuild: bundle failed: ${err && err.message ? err.message.split('\n')[0] : err}`);
  process.exit(1);
}
console.log(`esbuild: done in ${Date.now() - t0} ms${minify ? ' (minified)' : ''}`);
