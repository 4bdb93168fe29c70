#!/usr/bin/env node
// The GitHub Action's scan step (action.yml): runs the CLI once on the inputs (INPUT_* environment variables, as the
// composite action passes them), prints the chosen format to the log, writes SARIF for
// github/codeql-action/upload-sarif, a Markdown job summary ($GITHUB_STEP_SUMMARY) and step outputs ($GITHUB_OUTPUT),
// and exits with the CLI's exit code (1 when a finding at or above `fail-on` exists, 2 on a usage error).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const input = (name, fallback = '') => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim() || fallback;

export function cliArgs() {
  const paths = input('paths', '.').split(/\s+/).filter(Boolean);
  const sarif = input('sarif-file', 'aks-guardrails.sarif');
  const args = [...paths, '--format', input('format', 'text'), '--fail-on', input('fail-on', 'error'), '--sarif-file', sarif];
  if (input('config')) args.push('--config', input('config'));
  if (input('baseline')) args.push('--baseline', input('baseline'));
  if (input('bicep-cache')) args.push('--bicep-cache', input('bicep-cache'));
  return { args, sarif };
}

const LEVEL_ORDER = ['error', 'warning', 'info', 'hint'];

/** The job summary: totals and a table of findings per rule (severity, count, where the rule is documented). */
export function summary(sarif, exitCode, failOn) {
  const run = sarif.runs?.[0] ?? {};
  const rules = new Map((run.tool?.driver?.rules ?? []).map((r) => [r.id, r]));
  const byRule = new Map();
  const bySeverity = { error: 0, warning: 0, info: 0, hint: 0 };
  const files = new Set();
  for (const r of run.results ?? []) {
    const severity = r.properties?.severity ?? (r.level === 'note' ? 'info' : r.level);
    bySeverity[severity] = (bySeverity[severity] ?? 0) + 1;
    const e = byRule.get(r.ruleId) ?? { count: 0, severity, files: new Set() };
    e.count++;
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
    if (uri) { e.files.add(uri); files.add(uri); }
    byRule.set(r.ruleId, e);
  }
  const total = Object.values(bySeverity).reduce((a, b) => a + b, 0);
  const baselined = run.properties?.baselined ?? 0;
  const verdict = exitCode === 0 ? `✅ passed (fail-on: ${failOn})` : exitCode === 1 ? `❌ failed: findings at or above ${failOn}` : '⚠️ the scan could not run (see the log)';
  const lines = [
    '## AKS Guardrails',
    '',
    `${verdict}. **${total}** finding${total === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}: ${LEVEL_ORDER.map((l) => `${bySeverity[l] ?? 0} ${l}`).join(', ')}.${baselined ? ` ${baselined} accepted finding${baselined === 1 ? '' : 's'} hidden by the baseline.` : ''}`,
    '',
  ];
  if (byRule.size) {
    lines.push('| rule | severity | findings | files |', '|---|---|---:|---:|');
    const sorted = [...byRule].sort((a, b) => LEVEL_ORDER.indexOf(a[1].severity) - LEVEL_ORDER.indexOf(b[1].severity) || b[1].count - a[1].count || a[0].localeCompare(b[0]));
    for (const [id, e] of sorted) {
      const uri = rules.get(id)?.helpUri;
      const name = uri && /^https?:/.test(uri) ? `[\`${id}\`](${uri})` : `\`${id}\``;
      lines.push(`| ${name} | ${e.severity} | ${e.count} | ${e.files.size} |`);
    }
    lines.push('');
  }
  return { markdown: lines.join('\n') + '\n', total, bySeverity, baselined };
}

export function main() {
  const { args, sarif } = cliArgs();
  const cli = path.join(root, 'bin', 'aks-guardrails.js');
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'inherit', 'inherit'], cwd: env.GITHUB_WORKSPACE || process.cwd() });
  const exitCode = r.status ?? 2;
  const sarifPath = path.resolve(env.GITHUB_WORKSPACE || process.cwd(), sarif);
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(sarifPath, 'utf8'));
  } catch {
    parsed = { runs: [] };
  }
  const s = summary(parsed, exitCode, input('fail-on', 'error'));
  if (env.GITHUB_STEP_SUMMARY) fs.appendFileSync(env.GITHUB_STEP_SUMMARY, s.markdown);
  if (env.GITHUB_OUTPUT) {
    const out = [`sarif-file=${sarif}`, `findings=${s.total}`, `errors=${s.bySeverity.error}`, `warnings=${s.bySeverity.warning}`, `baselined=${s.baselined}`, `exit-code=${exitCode}`];
    fs.appendFileSync(env.GITHUB_OUTPUT, out.join('\n') + '\n');
  }
  return exitCode;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
