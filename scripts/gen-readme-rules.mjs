// Writes the rule table of README.md (between the rules-table markers) from the rule modules.
// `node scripts/gen-readme-rules.mjs` after a build; test/src/unit/readme.test.ts fails when the table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { RULES } = createRequire(import.meta.url)(join(root, 'server/out/engine/index.js'));
export function rulesTable(rules) {
  const fmt = { arm: 'ARM/Bicep', tfjson: 'Terraform JSON', tfplan: 'plan', k8s: 'Kubernetes' };
  const sev = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint' };
  const rows = [...rules].sort((a, b) => a.id.localeCompare(b.id)).map((r) =>
    `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.title} | ${r.formats.map((f) => fmt[f]).join(', ')} | ${sev[r.severity]} | ${r.fixable ? 'yes' : 'no'} |`);
  return ['| rule | checks | formats | default severity | quick fix |', '|---|---|---|---|---|', ...rows].join('\n');
}
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const next = readme.replace(/<!-- rules-table:start -->[\s\S]*<!-- rules-table:end -->/, `<!-- rules-table:start -->\n${rulesTable(RULES)}\n<!-- rules-table:end -->`);
if (process.argv.includes('--check')) {
  if (next !== readme) { console.error('README rule table is stale: run node scripts/gen-readme-rules.mjs'); process.exit(1); }
} else if (next !== readme) writeFileSync(join(root, 'README.md'), next);
