#!/usr/bin/env node
// Checks the contents of a packaged .vsix (a zip): what must be in it, what
// must stay out. No dependencies: reads the zip's central directory itself.
// Usage: node scripts/e2e/check-vsix.mjs aks-guardrails-<version>.vsix [--list]
// Exit code 0 = ok, 1 = problems (listed on stderr).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vsix = process.argv[2];
if (!vsix || !fs.existsSync(vsix)) {
  console.error(`check-vsix: no such file: ${vsix ?? '(none given)'}`);
  process.exit(1);
}

/** Names of the entries in a zip file (central directory). */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt central directory');
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const entries = zipEntries(vsix);
const names = new Set(entries.map((e) => e.name));
const ext = (p) => `extension/${p}`;
const problems = [];
const need = (p, why) => { if (!names.has(ext(p))) problems.push(`missing ${p}${why ? ` (${why})` : ''}`); };

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
need('package.json');
// vsce stores README.md / CHANGELOG.md as extension/readme.md / changelog.md and LICENSE as LICENSE.txt
const lower = new Set([...names].map((n) => n.toLowerCase()));
const needAny = (alts, what) => { if (!alts.some((a) => lower.has(ext(a).toLowerCase()))) problems.push(`missing ${what}`); };
needAny(['README.md'], 'README.md');
needAny(['CHANGELOG.md'], 'CHANGELOG.md');
needAny(['LICENSE', 'LICENSE.txt', 'LICENSE.md'], 'LICENSE');
need('dist/client.js', 'extension main bundle');
need('dist/server.js', 'language server bundle');
if (pkg.main) need(pkg.main.replace(/^\.\//, ''), 'package.json main');
for (const s of pkg.contributes?.snippets ?? []) need(s.path.replace(/^\.\//, ''), 'contributes.snippets');
for (const v of pkg.contributes?.jsonValidation ?? []) if (!/^[a-z]+:/i.test(v.url)) need(v.url.replace(/^\.\//, ''), 'contributes.jsonValidation schema');

// every docs page and snippet file in the tree must be packaged
const walk = (dir) => fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((d) => d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]) : [];
for (const d of ['docs', 'snippets']) {
  const files = walk(path.join(root, d)).map((f) => path.relative(root, f).split(path.sep).join('/'));
  for (const f of files) need(f);
}
if (!entries.some((e) => e.name.startsWith('extension/docs/'))) problems.push('no docs/** pages in the package');

// what must stay out
const forbidden = [
  [/^extension\/node_modules\//, 'node_modules'],
  [/\.ts$/, 'TypeScript source'],
  [/\.map$/, 'source map'],
  [/^extension\/(client|server)\//, 'client/ or server/ sources or tsc output'],
  [/^extension\/test\//, 'tests'],
  [/^extension\/(bench|samples|scripts|\.cache|\.ci|\.notes|\.vscode-test)\//, 'bench/samples/scripts/.cache/.ci/.notes'],
  [/(^|\/)fixtures\//, 'fixtures'],
  [/tsconfig[^/]*\.json$/, 'tsconfig'],
  [/\.vsix$/, 'nested .vsix'],
];
for (const e of entries) {
  for (const [re, why] of forbidden) if (re.test(e.name)) problems.push(`should not be packaged (${why}): ${e.name}`);
}

const total = entries.reduce((a, e) => a + e.size, 0);
if (process.argv.includes('--list') || problems.length) {
  for (const e of entries) console.log(`${String(e.size).padStart(9)}  ${e.name}`);
}
if (problems.length) {
  console.error(`check-vsix: ${path.basename(vsix)} has ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-vsix: ${path.basename(vsix)} ok: ${entries.length} files, ${(total / 1024).toFixed(0)} KiB uncompressed, ` +
  `${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB on disk`);
