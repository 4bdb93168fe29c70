#!/usr/bin/env node
// `npm run bench`: deterministic inputs, bare parse (floor) vs full analysis, incremental edit, RSS, CLI wall time.
// Prints a table and writes bench/results.json. Run after `npm run build`.
import { createRequire } from 'node:module';
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engine = require(path.join(root, 'server/out/engine'));
const { parseDocument } = require('yaml');
const { parseTree } = require('jsonc-parser');
const { splitYamlDocuments } = require(path.join(root, 'server/out/engine/documents/yaml.js'));
const corpus = path.resolve(root, '..', 'shared', 'corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// `npm run bench -- --compare bench/results.json`: judge this run against a saved one (read before it is overwritten).
const compareArg = process.argv.indexOf('--compare');
const baseline = compareArg > 0 ? JSON.parse(fs.readFileSync(path.resolve(process.argv[compareArg + 1] ?? path.join(root, 'bench', 'results.json')), 'utf8')) : undefined;
// BENCH_ONLY=latency,process,jobs runs those sections alone (default: every section).
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const section = (name) => !ONLY || ONLY.has(name);

// ---- deterministic inputs -------------------------------------------------------------------
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
function workload(i, r) {
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'];
  const kind = kinds[i % kinds.length];
  const priv = r() < 0.3;
  const container = [
    `      - name: app-${i}`,
    `        image: registry${i % 7}.azurecr.io/team/app-${i}:1.${i % 13}.0`,
    `        ports:`,
    `        - containerPort: ${8000 + (i % 100)}`,
    `        resources:`,
    `          requests: { cpu: ${100 + (i % 5) * 50}m, memory: ${128 * (1 + (i % 4))}Mi }`,
    `          limits: { cpu: "1", memory: 1Gi }`,
    `        env:`,
    // One line per array element so the re-indentation below applies to every line (valid YAML for every kind).
    ...Array.from({ length: 3 }, (_, k) => [`        - name: VAR_${k}`, `          value: "value-${i}-${k}"`]).flat(),
    `        securityContext:`,
    `          privileged: ${priv}`,
    `          allowPrivilegeEscalation: ${r() < 0.5}`,
    `          readOnlyRootFilesystem: true`,
    `          runAsNonRoot: true`,
  ];
  const podSpec = (ind) => [
    `${ind}metadata:`,
    `${ind}  labels: { app: app-${i}, tier: t${i % 3} }`,
    `${ind}spec:`,
    `${ind}  serviceAccountName: sa-${i % 10}`,
    `${ind}  securityContext:`,
    `${ind}    seccompProfile: { type: ${r() < 0.5 ? 'RuntimeDefault' : 'Unconfined'} }`,
    `${ind}  containers:`,
    ...container.map((l) => ind + l.slice(4)),
  ];
  const head = [`apiVersion: ${kind === 'Pod' ? 'v1' : kind.endsWith('Job') ? 'batch/v1' : 'apps/v1'}`, `kind: ${kind}`, `metadata:`, `  name: app-${i}`, `  namespace: ns-${i % 20}`, `  labels:`, `    app: app-${i}`, `    owner: team-${i % 9}`];
  if (kind === 'Pod') return [...head, ...podSpec('').slice(2)].join('\n');
  if (kind === 'CronJob') return [...head, `spec:`, `  schedule: "*/5 * * * *"`, `  jobTemplate:`, `    spec:`, `      template:`, ...podSpec('        ')].join('\n');
  return [...head, `spec:`, ...(kind === 'Job' ? [] : [`  replicas: ${1 + (i % 3)}`, `  selector:`, `    matchLabels: { app: app-${i} }`]), `  template:`, ...podSpec('    ')].join('\n');
}
function bigYaml(targetBytes) {
  const r = rng(42);
  const docs = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const d = workload(i, r);
    docs.push(d);
    size += d.length + 5;
  }
  return docs.join('\n---\n') + '\n';
}
function manifest200() {
  const r = rng(7);
  const docs = [];
  let lines = 0;
  for (let i = 0; lines < 200; i++) {
    const d = workload(i, r);
    docs.push(d);
    lines += d.split('\n').length + 1;
  }
  return docs.join('\n---\n').split('\n').slice(0, 200).join('\n') + '\n';
}
function armTemplate(n) {
  const r = rng(3);
  const resources = [];
  for (let i = 0; i < n; i++) {
    const t = i % 4;
    if (t === 0) resources.push({ type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-02-01', name: `[concat(parameters('prefix'), '-aks-${i}')]`, location: "[parameters('location')]", identity: { type: 'SystemAssigned' }, properties: { dnsPrefix: `aks${i}`, disableLocalAccounts: r() < 0.5, enableRBAC: true, apiServerAccessProfile: { authorizedIPRanges: r() < 0.5 ? [] : ['10.0.0.0/8'] }, agentPoolProfiles: [{ name: 'system', count: 3, vmSize: 'Standard_D4s_v5', mode: 'System', osType: 'Linux' }], networkProfile: { networkPlugin: 'azure', networkPolicy: 'calico' } } });
    else if (t === 1) resources.push({ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: `acr${i}`, location: "[parameters('location')]", sku: { name: 'Premium' }, properties: { adminUserEnabled: r() < 0.5, publicNetworkAccess: 'Disabled' } });
    else if (t === 2) resources.push({ type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: `vnet-${i}`, location: "[parameters('location')]", properties: { addressSpace: { addressPrefixes: [`10.${i % 250}.0.0/16`] }, subnets: [{ name: 'snet', properties: { addressPrefix: `10.${i % 250}.1.0/24` } }] } });
    else resources.push({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: `st${i}`, location: "[parameters('location')]", kind: 'StorageV2', sku: { name: 'Standard_LRS' }, properties: { minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false } });
  }
  return JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: { prefix: { type: 'string', defaultValue: 'demo' }, location: { type: 'string', defaultValue: 'westeurope' } }, resources }, null, 2);
}

// A Terraform module directory of ~2,000 lines: clusters and registries over several files, variables with defaults,
// locals, terraform.tfvars (HCL, analysed as one module through a FileSource).
function terraformModule() {
  const r = rng(7);
  const dir = path.resolve('/bench/tf-module');
  const files = {};
  const vars = [], clusters = [], acrs = [], net = [], locals = ['locals {'];
  for (let i = 0; i < 50; i++) {
    vars.push(`variable "private_${i}" {`, '  type        = bool', `  description = "Whether cluster ${i} is private."`, `  default     = ${r() < 0.5}`, '}', '');
    vars.push(`variable "tags_${i}" {`, '  type = map(string)', '  default = {', `    owner = "team-${i % 9}"`, `    env   = "${i % 2 ? 'prod' : 'dev'}"`, '  }', '}', '');
    locals.push(`  name_${i} = "aks-\${var.tags_${i}["env"]}-${i}"`);
  }
  locals.push('}');
  for (let i = 0; i < 27; i++) {
    clusters.push(
      `resource "azurerm_kubernetes_cluster" "aks_${i}" {`, `  name                    = local.name_${i}`, '  location                = "westeurope"',
      '  resource_group_name     = "rg-aks"', `  dns_prefix              = "aks${i}"`, `  private_cluster_enabled = var.private_${i}`,
      `  local_account_disabled  = ${r() < 0.5}`, '  azure_policy_enabled    = true', `  tags                    = var.tags_${i}`, '',
      '  default_node_pool {', '    name       = "system"', '    node_count = 3', '    vm_size    = "Standard_D4ds_v5"', '  }', '',
      '  network_profile {', '    network_plugin = "azure"', `    network_policy = "${r() < 0.5 ? 'calico' : 'cilium'}"`, '  }', '',
      '  identity {', '    type = "SystemAssigned"', '  }', '}', '');
    acrs.push(`resource "azurerm_container_registry" "acr_${i}" {`, `  name                          = "acr${i}"`, '  resource_group_name           = "rg-aks"',
      '  location                      = "westeurope"', '  sku                           = "Premium"', `  admin_enabled                 = ${r() < 0.3}`,
      '  public_network_access_enabled = false', '}', '');
    net.push(`resource "azurerm_private_endpoint" "acr_${i}" {`, `  name                = "pe-acr-${i}"`, '  location            = "westeurope"',
      '  resource_group_name = "rg-aks"', '  subnet_id           = "x"', '  private_service_connection {', `    name                           = "acr-${i}"`,
      `    private_connection_resource_id = azurerm_container_registry.acr_${i}.id`, '    subresource_names              = ["registry"]',
      '    is_manual_connection           = false', '  }', '}', '');
  }
  files[path.join(dir, 'variables.tf')] = vars.join('\n') + '\n';
  files[path.join(dir, 'locals.tf')] = locals.join('\n') + '\n';
  files[path.join(dir, 'main.tf')] = clusters.join('\n') + '\n';
  files[path.join(dir, 'acr.tf')] = acrs.join('\n') + '\n';
  files[path.join(dir, 'network.tf')] = net.join('\n') + '\n';
  files[path.join(dir, 'terraform.tfvars')] = Array.from({ length: 10 }, (_, i) => `private_${i} = ${i % 2 === 0}`).join('\n') + '\n';
  return { dir, files };
}

/** Cold (no other file parsed yet), after a one-character edit in main.tf, after an edit in variables.tf; bare parse of every file as the floor. */
function measureTerraformModule() {
  const { parseHcl } = require(path.join(root, 'server/out/engine/documents/hcl.js'));
  const { dir, files } = terraformModule();
  const lines = Object.values(files).reduce((n, t) => n + t.split('\n').length - 1, 0);
  const main = path.join(dir, 'main.tf');
  const vars = path.join(dir, 'variables.tf');
  const analyseMain = (all, previous) => engine.analyzeFile(engine.parseFile(main, all[main], {}, previous), {}, { files: engine.memoryFiles(all) });
  const parseAll = () => { for (const t of Object.values(files)) parseHcl(t); };
  parseAll();
  analyseMain(files);
  let typed = 0;
  const edited = (p) => ({ ...files, [p]: files[p].replace('"westeurope"', `"westeurope${String.fromCharCode(97 + (typed++ % 26))}"`) });
  const reps = repsFor(() => { engine.clearParsedOthers(); analyseMain(files); });
  const parse = [], cold = [], edit = [], depEdit = [];
  for (let i = 0; i < RUNS; i++) {
    parse.push(time(parseAll, undefined, reps));
    cold.push(time(() => { engine.clearParsedOthers(); analyseMain(files); }, undefined, reps));
    engine.clearParsedOthers();
    analyseMain(files);
    edit.push(time(() => analyseMain(edited(main)), undefined, reps));
    depEdit.push(time(() => analyseMain(edited(vars)), undefined, reps));
  }
  const findings = analyseMain(files).findings.length;
  return { clock, reps, files: Object.keys(files).length, lines, findings, bareParse: stats(parse), cold: stats(cold), editMain: stats(edit), editVariables: stats(depEdit) };
}

// ---- measurement ----------------------------------------------------------------------------
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)];
  return { median: round(med), min: round(s[0]), max: round(s[s.length - 1]), spreadPct: round(((s[s.length - 1] - s[0]) / med) * 100) };
}
const round = (x) => Math.round(x * 100) / 100;
// CPU time (user + system of this process) is what the code costs; wall time is what a user waits, and on a shared
// machine it also measures everyone else's load. Both are recorded; verdicts use CPU time for the in-process figures
// (see `clock`), wall time for the CLI.
const clock = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'cpu';
// The kernel accounts CPU time in scheduler ticks (4–10 ms): a sample runs `reps` calls (≥ ~200 ms in all) and the
// per-call time is reported.
function time(fn, walls, reps = 1) {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  for (let i = 0; i < reps; i++) fn(i);
  const cu = process.cpuUsage(c);
  const wall = Number(process.hrtime.bigint() - t) / 1e6 / reps;
  if (walls) walls.push(wall);
  return clock === 'wall' ? wall : (cu.user + cu.system) / 1000 / reps;
}
function repsFor(fn) {
  const t = process.hrtime.bigint();
  fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return Math.max(1, Math.min(200, Math.ceil(200 / Math.max(ms, 0.5))));
}

function bareParse(p, text) {
  if (p.endsWith('.json')) return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  for (const c of splitYamlDocuments(text)) parseDocument(c.text, { version: '1.1', uniqueKeys: false, strict: false, prettyErrors: false });
}
function analyse(p, text, previous) {
  const f = engine.parseFile(p, text, {}, previous);
  return engine.analyzeFile(f, {}, undefined, undefined);
}
// Interleaved so that both see the same machine state; one warm-up each.
function measure(p, text) {
  bareParse(p, text);
  const reps = repsFor(() => analyse(p, text));
  const parse = [], full = [], parseWall = [], fullWall = [];
  for (let i = 0; i < RUNS; i++) {
    parse.push(time(() => bareParse(p, text), parseWall, reps));
    full.push(time(() => analyse(p, text), fullWall, reps));
  }
  return {
    clock, reps, parse: stats(parse), analysis: stats(full), ratio: round(stats(full).median / stats(parse).median),
    wall: { parse: stats(parseWall), analysis: stats(fullWall), ratio: round(stats(fullWall).median / stats(parseWall).median) },
  };
}
function measureEdit(p, text) {
  // One-character edit inside one document in the middle of the file, re-analysed with the previous parse.
  const base = analyse(p, text);
  const mid = base.file.documents[Math.floor(base.file.documents.length / 2)];
  const at = mid.base + mid.text.indexOf('name: app-') + 'name: app-'.length;
  const edits = [], fulls = [], editWalls = [], fullWalls = [];
  let prev = base.file;
  const variant = (k) => text.slice(0, at) + String.fromCharCode(97 + (k % 26)) + text.slice(at);
  let typed = 0; // every call types the next letter, so consecutive texts always differ
  const reps = repsFor(() => { prev = analyse(p, variant(typed++), prev).file; });
  for (let i = 0; i < RUNS; i++) {
    // Each call types a different character in the same document, re-analysed from the previous call's parse.
    let res;
    edits.push(time(() => { res = analyse(p, variant(typed++), prev); prev = res.file; }, editWalls, reps));
    const edited = res.file.text;
    fulls.push(time(() => analyse(p, edited), fullWalls));
    // Findings of the incremental run must equal a full run.
    const a = JSON.stringify(res.findings.map((f) => [f.ruleId, f.start, f.end, f.message]));
    const b = JSON.stringify(analyse(p, edited).findings.map((f) => [f.ruleId, f.start, f.end, f.message]));
    if (a !== b) throw new Error('incremental findings differ from a full analysis');
  }
  const e = stats(edits), f = stats(fulls);
  const ew = stats(editWalls), fw = stats(fullWalls);
  return { clock, reps, edit: e, full: f, pctOfFull: round((e.median / f.median) * 100), wall: { edit: ew, full: fw, pctOfFull: round((ew.median / fw.median) * 100) } };
}
function peakRssChild(name) {
  // Peak RSS of parsing+analysing one input in a fresh process (maxRSS from process.resourceUsage, KiB).
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rss-child', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

const inputs = () => {
  const dir = path.join(root, 'bench', 'inputs');
  fs.mkdirSync(dir, { recursive: true });
  const list = [
    ['workloads-1mb.yaml', () => bigYaml(1024 * 1024)],
    ['manifest-200-lines.yaml', manifest200],
    ['arm-1000-resources.json', () => armTemplate(1000)],
  ].map(([n, gen]) => {
    const p = path.join(dir, n);
    const text = gen();
    fs.writeFileSync(p, text);
    return { name: n, path: p, text };
  });
  const lza = path.join(corpus, 'arm', 'aks-lza-private-cluster-all-in-one-main.json');
  if (fs.existsSync(lza)) list.push({ name: path.basename(lza), path: lza, text: fs.readFileSync(lza, 'utf8') });
  return list;
};

if (process.argv[2] === '--rss-child') {
  const inp = inputs().find((i) => i.name === process.argv[3]);
  analyse(inp.path, inp.text);
  process.stdout.write(String(Math.round(process.resourceUsage().maxRSS / 1024)));
  process.exit(0);
}

async function serverRss(file) {
  // The real server over stdio (test/out/protocol/lspClient.js), document opened, RSS of the server process after
  // its first diagnostics (from /proc/<pid>/status VmHWM = peak, VmRSS = current).
  const { LspClient } = require(path.join(root, 'test/out/protocol/lspClient.js'));
  const t0 = Date.now();
  const client = new LspClient();
  await client.initialize();
  const text = fs.readFileSync(file, 'utf8');
  const uri = 'file://' + file;
  const t1 = Date.now();
  client.open(uri, 'json', text);
  await client.diagnostics(uri, 1, 60000);
  const ms = Date.now() - t1;
  const startMs = t1 - t0;
  const status = fs.readFileSync(`/proc/${client.proc.pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)[1]);
  await client.shutdown();
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024), firstDiagnosticsMs: ms, startMs, how: 'server process over stdio (LSP harness), /proc VmRSS/VmHWM' };
}

async function serverEdit(file) {
  // The same edit through the real server: open the 1,000-document file, then one-character didChange edits in one
  // document; time from the notification to the diagnostics of that version (the server's debounce included).
  const { LspClient } = require(path.join(root, 'test/out/protocol/lspClient.js'));
  const client = new LspClient();
  try {
    await client.initialize();
    const text = fs.readFileSync(file, 'utf8');
    const uri = 'file://' + file;
    const t0 = Date.now();
    client.open(uri, 'yaml', text);
    const first = await client.diagnostics(uri, 1, 120000);
    const openMs = Date.now() - t0;
    const at = text.indexOf('name: app-', Math.floor(text.length / 2)) + 'name: app-'.length;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - text.lastIndexOf('\n', at - 1) - 1;
    const times = [];
    for (let v = 2; v < 2 + Math.max(3, Math.min(RUNS, 7)); v++) {
      const t = Date.now();
      client.change(uri, v, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
      const d = await client.diagnostics(uri, v, 60000);
      times.push(Date.now() - t);
      if (d.length !== first.length) throw new Error(`edit changed the number of diagnostics: ${first.length} → ${d.length}`);
    }
    return { openToDiagnosticsMs: openMs, edit: stats(times), diagnostics: first.length };
  } finally {
    await client.shutdown();
  }
}

function cliScan() {
  // The real bin in a fresh process, wall time including start-up; its own CPU time is reported beside it.
  const times = [], cpu = [];
  for (let i = 0; i < 5; i++) {
    const t = Date.now();
    const r = spawnSync(process.execPath, ['-r', path.join(root, 'scripts/bench-cpu.cjs'), path.join(root, 'bin/aks-guardrails.js'), corpus, '--format', 'json', '--fail-on', 'none'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(Date.now() - t);
    if (r.status !== 0 && r.status !== 1) throw new Error(`CLI exited ${r.status}: ${r.stderr}`);
    const m = /AKSG_BENCH_CPU_MS=(\d+)/.exec(r.stderr);
    if (m) cpu.push(Number(m[1]));
  }
  return { ...stats(times), cpu: cpu.length ? stats(cpu) : undefined, files: fs.readdirSync(corpus, { recursive: true }).filter((f) => /\.(ya?ml|json)$/i.test(String(f))).length };
}

/**
 * Kustomize: one base (5 Deployments and a Service in one file) built by 20 overlays (each: a strategic-merge patch
 * file, an inline JSON 6902 patch, an images override, a namespace). Cold: a new file source, nothing parsed, every
 * overlay found and built (what opening the base costs). After an edit in the base: the base re-parsed, the other
 * files' parses reused, every overlay built again (what each keystroke in the base costs), and the re-analysis of one
 * open patch that the edit triggers.
 */
function kustomizeTree() {
  const dir = path.resolve('/bench-kustomize');
  const r = rng(13);
  const base = Array.from({ length: 5 }, (_, i) => workload(i, r)).join('\n---\n') + '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n';
  const tree = { [path.join(dir, 'base/workloads.yaml')]: base, [path.join(dir, 'base/kustomization.yaml')]: 'resources:\n  - workloads.yaml\n' };
  const names = [...base.matchAll(/^kind: (Deployment|StatefulSet|DaemonSet|Job|CronJob)\nmetadata:\n  name: app-(\d+)/gm)].map((m) => [m[1], Number(m[2])]);
  for (let i = 0; i < 20; i++) {
    const [kind, n] = names[i % names.length];
    const name = `app-${n}`;
    tree[path.join(dir, `overlays/o${i}/kustomization.yaml`)] = `resources:\n  - ../../base\nnamespace: team-${i}\npatches:\n  - path: patch.yaml\n  - target:\n      kind: ${kind}\n      name: ${name}\n    patch: |-\n      - op: add\n        path: /metadata/annotations\n        value:\n          overlay: o${i}\nimages:\n  - name: registry${n % 7}.azurecr.io/team/app-${n}\n    newTag: "2.${i}.0"\n`;
    tree[path.join(dir, `overlays/o${i}/patch.yaml`)] = `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app-${n}\n          resources:\n            limits:\n              memory: ${128 + i}Mi\n`;
  }
  return { dir, tree, basePath: path.join(dir, 'base/workloads.yaml'), patchPath: path.join(dir, 'overlays/o3/patch.yaml') };
}

function measureKustomize() {
  const { dir, tree, basePath, patchPath } = kustomizeTree();
  const analyseIn = (files, p, text, previous) => {
    const parsed = engine.parseFile(p, text, {}, previous);
    return engine.analyzeFile(parsed, {}, { files, roots: [dir] });
  };
  const cold = [], coldWall = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(time(() => {
      engine.clearParsedOthers();
      analyseIn(engine.memoryFiles(tree), basePath, tree[basePath]);
    }, coldWall));
  }
  const findings = analyseIn(engine.memoryFiles(tree), basePath, tree[basePath]).findings;
  // Edits alternate between two texts (a replica count), so each analysis sees a changed base.
  const texts = [tree[basePath], tree[basePath].replace(/replicas: (\d+)/, (_, n) => `replicas: ${Number(n) + 1}`)];
  let previous = engine.parseFile(basePath, texts[0]);
  const edit = [], editWall = [], patch = [], patchWall = [];
  const reps = repsFor(() => analyseIn(engine.memoryFiles(tree), basePath, texts[1]));
  for (let i = 0; i < RUNS; i++) {
    edit.push(time((k) => {
      const text = texts[(i * reps + k + 1) % 2];
      const files = engine.memoryFiles({ ...tree, [basePath]: text });
      const a = analyseIn(files, basePath, text, previous);
      previous = a.file;
    }, editWall, reps));
    patch.push(time((k) => {
      const files = engine.memoryFiles({ ...tree, [basePath]: texts[(i * reps + k) % 2] });
      analyseIn(files, patchPath, tree[patchPath]);
    }, patchWall, reps));
  }
  return {
    overlays: 20, baseBytes: tree[basePath].length, baseFindings: findings.length,
    cold: stats(cold), afterBaseEdit: stats(edit), patchAfterBaseEdit: stats(patch),
    wall: { cold: stats(coldWall), afterBaseEdit: stats(editWall), patchAfterBaseEdit: stats(patchWall) },
  };
}

// Bicep: a source against the JSON compiled from it (the largest pair: All-in-One main.bicep with its local modules
// and the AVM registry modules from ../shared/bicep/module-cache vs the 2.75 MB compiled main.json; and AKS-Construction's
// 1,200-line main.bicep vs its compiled main.json), and a ~300-line .bicep file alone. Cold per run: other files'
// parses are dropped, so module files are parsed in the measured time.
function measureBicep() {
  const shared = path.join(root, '..', 'shared', 'bicep');
  const bicepModules = require(path.join(root, 'server/out/engine/model/bicepModules.js'));
  bicepModules.setBicepModuleCache(path.join(shared, 'module-cache'));
  const analyseDisk = (p) => { engine.clearParsedOthers(); return engine.analyzeFile(engine.parseFile(p, fs.readFileSync(p, 'utf8')), {}, { files: engine.DISK_FILES }); };
  const pair = (bicep, json) => {
    const b = path.join(shared, 'pairs', bicep);
    const j = path.join(shared, 'pairs', json);
    analyseDisk(b); analyseDisk(j);
    const reps = repsFor(() => analyseDisk(j));
    const bt = [], jt = [];
    for (let i = 0; i < RUNS; i++) {
      bt.push(time(() => analyseDisk(b), undefined, reps));
      jt.push(time(() => analyseDisk(j), undefined, reps));
    }
    return { bicep, json, bicepMs: stats(bt), jsonMs: stats(jt), ratio: round(stats(bt).median / stats(jt).median) };
  };
  const out = {
    clock,
    allInOne: pair('aks-lza-private-cluster/All-in-One-Bicep/main.bicep', 'aks-lza-private-cluster/All-in-One-Bicep/main.json'),
    construction: pair('aks-construction/main.bicep', 'aks-construction/compiled/main.json'),
  };
  const file300 = path.join(shared, 'pairs', 'aks-baseline-cluster-stamp', 'acr-stamp.bicep');
  const text = fs.readFileSync(file300, 'utf8');
  out.file300 = { file: 'pairs/aks-baseline-cluster-stamp/acr-stamp.bicep', lines: text.split('\n').length, ...measure(file300, text) };
  bicepModules.setBicepModuleCache(undefined);
  return out;
}

// ---- keystroke latency through the real server ---------------------------------------------------------------
async function serverKeystrokes(file, edits) {
  // The real server with initializationOptions.traceScheduling (it reports each scheduling delay and each analysis's
  // cost): open → first diagnostics (the open is not debounced), then one-character edits, each awaited, 250 ms apart
  // (a typing pace): didChange → diagnostics of that version, with the delay the server chose and the analysis cost.
  const { LspClient } = require(path.join(root, 'test/out/protocol/lspClient.js'));
  const client = new LspClient();
  try {
    await client.initialize(undefined, { traceScheduling: true });
    const text = fs.readFileSync(file, 'utf8');
    const uri = 'file://' + file;
    const t0 = performance.now();
    client.open(uri, 'yaml', text);
    await client.diagnostics(uri, 1, 120000);
    const openMs = performance.now() - t0;
    const note = (method, v) => client.notifications.find((n) => n.method === method && n.params.uri === uri && n.params.version === v)?.params;
    const openDelay = note('aksGuardrails/scheduled', 1)?.delayMs;
    const openCost = note('aksGuardrails/analysed', 1)?.costMs;
    const at = text.indexOf('name: app-', Math.floor(text.length / 2)) + 'name: app-'.length;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - text.lastIndexOf('\n', at - 1) - 1;
    const latency = [], delays = [], costs = [];
    for (let v = 2; v < 2 + edits; v++) {
      await new Promise((r) => setTimeout(r, 250));
      const t = performance.now();
      client.change(uri, v, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
      await client.diagnostics(uri, v, 60000);
      latency.push(performance.now() - t);
      delays.push(note('aksGuardrails/scheduled', v)?.delayMs);
      costs.push(note('aksGuardrails/analysed', v)?.costMs);
    }
    return { openToDiagnosticsMs: round(openMs), openDelayMs: openDelay, openAnalysisMs: openCost, keystroke: stats(latency), delayMs: stats(delays), analysisMs: stats(costs), edits };
  } finally {
    await client.shutdown();
  }
}

// ---- whole process: a fresh CLI vs a fresh process that only parses -------------------------------------------
function wholeProcess(file, runs) {
  // Fresh processes, alternated: the CLI (bin, JSON output) and a process that only loads the parser the engine uses
  // (`yaml` parseAllDocuments / `jsonc-parser` parseTree) and parses the file. Start-up, module loading and garbage
  // collection are in both. Wall time and each process's own CPU time (scripts/bench-cpu.cjs).
  const bare = `const fs=require('fs');const t=fs.readFileSync(process.argv[1],'utf8');` + (file.endsWith('.json')
    ? `require(${JSON.stringify(require.resolve('jsonc-parser'))}).parseTree(t,[],{allowTrailingComma:true,disallowComments:false});`
    : `require(${JSON.stringify(require.resolve('yaml'))}).parseAllDocuments(t,{version:'1.1',uniqueKeys:false,strict:false,prettyErrors:false});`);
  const cpuOf = (stderr) => Number(/AKSG_BENCH_CPU_MS=(\d+)/.exec(stderr)?.[1]);
  const run = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['-r', path.join(root, 'scripts/bench-cpu.cjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { wall: performance.now() - t, cpu: cpuOf(r.stderr) };
  };
  const cliWall = [], cliCpu = [], bareWall = [], bareCpu = [];
  for (let i = 0; i < runs; i++) {
    const b = run(['-e', bare, file]);
    const c = run([path.join(root, 'bin/aks-guardrails.js'), file, '--format', 'json', '--fail-on', 'none']);
    bareWall.push(b.wall); bareCpu.push(b.cpu); cliWall.push(c.wall); cliCpu.push(c.cpu);
  }
  const w = { bare: stats(bareWall), cli: stats(cliWall) }, c = { bare: stats(bareCpu), cli: stats(cliCpu) };
  return { runs, wall: { ...w, ratio: round(w.cli.median / w.bare.median) }, cpu: { ...c, ratio: round(c.cli.median / c.bare.median) } };
}

// ---- CLI over every core: a generated 2,000-file tree, --jobs 1 vs --jobs 2 --------------------------------------
function cliJobs(runs) {
  const { writeScanTree } = require(path.join(root, 'test/out/helpers/scanTree.js'));
  const dir = path.join(os.tmpdir(), `aksg-bench-tree-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const tree = writeScanTree(dir, 100, 12);
  try {
    const times = { 1: [], 2: [] };
    const outputs = {};
    for (let i = 0; i < runs; i++) {
      for (const jobs of [1, 2]) {
        const t = performance.now();
        const r = spawnSync(process.execPath, [path.join(root, 'bin/aks-guardrails.js'), dir, '--format', 'json', '--fail-on', 'none', '--jobs', String(jobs)], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
        times[jobs].push(performance.now() - t);
        if (r.status !== 0) throw new Error(`CLI --jobs ${jobs} exited ${r.status}: ${r.stderr}`);
        if (outputs[jobs] === undefined) outputs[jobs] = r.stdout;
        else if (outputs[jobs] !== r.stdout) throw new Error(`--jobs ${jobs}: two runs printed different output`);
      }
    }
    if (outputs[1] !== outputs[2]) throw new Error('--jobs 2 printed something else than --jobs 1');
    const one = stats(times[1]), two = stats(times[2]);
    return { files: tree.files, bytes: tree.bytes, runs, jobs1: one, jobs2: two, speedup: round(one.median / two.median), identical: true, cores: os.availableParallelism?.() ?? os.cpus().length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- run ------------------------------------------------------------------------------------
if (process.env.BENCH_ONLY === 'bicep') {
  console.log(JSON.stringify(measureBicep(), null, 2));
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'terraform') {
  const tm = measureTerraformModule();
  console.log(JSON.stringify(tm, null, 2));
  process.exit(0);
}
const results = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, runs: RUNS, clock, loadAverageAtStart: os.loadavg().map(round) }, inputs: {}, targets: [] };
const rows = [];
const inputList = inputs();
if (section('inproc')) {
  for (const inp of inputList) {
    const m = measure(inp.path, inp.text);
    const r = { bytes: inp.text.length, documents: engine.parseFile(inp.path, inp.text).documents.length, ...m, peakRssMB: peakRssChild(inp.name) };
    if (inp.name === 'workloads-1mb.yaml') r.incrementalEdit = measureEdit(inp.path, inp.text);
    results.inputs[inp.name] = r;
    rows.push([inp.name, (r.bytes / 1024).toFixed(0) + ' KB', r.documents, `${m.parse.median} ±${m.parse.spreadPct}%`, `${m.analysis.median} ±${m.analysis.spreadPct}%`, m.ratio + '×', `${m.wall.parse.median} / ${m.wall.analysis.median} = ${m.wall.ratio}×`, r.peakRssMB + ' MB']);
  }
}
if (section('inproc')) {
  results.terraformModule = measureTerraformModule();
  results.bicep = measureBicep();
  results.kustomize = measureKustomize();
}
if (section('cli')) results.cliScan = cliScan();
const attempt = async (f) => {
  try {
    return await f();
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
};
if (section('server')) {
  results.serverEdit = await attempt(() => serverEdit(path.join(root, 'bench', 'inputs', 'workloads-1mb.yaml')));
  results.server = await attempt(() => serverRss(path.join(corpus, 'arm', 'aks-lza-private-cluster-all-in-one-main.json')));
}
if (section('latency')) {
  results.keystroke = {
    'manifest-200-lines.yaml': await attempt(() => serverKeystrokes(path.join(root, 'bench', 'inputs', 'manifest-200-lines.yaml'), Math.max(RUNS, 9))),
    'workloads-1mb.yaml': await attempt(() => serverKeystrokes(path.join(root, 'bench', 'inputs', 'workloads-1mb.yaml'), Math.max(RUNS, 5))),
  };
}
if (section('process')) {
  results.wholeProcess = {};
  for (const n of ['workloads-1mb.yaml', 'arm-1000-resources.json']) results.wholeProcess[n] = wholeProcess(path.join(root, 'bench', 'inputs', n), RUNS);
}
if (section('jobs')) results.cliJobs = await attempt(() => cliJobs(Number(process.env.BENCH_JOBS_RUNS ?? 3)));

const pad = (s, n) => String(s).padEnd(n);
results.machine.loadAverageAtEnd = os.loadavg().map(round);
const W = [45, 9, 6, 17, 17, 8, 28, 9];
console.log(`AKS Guardrails bench — ${results.machine.cpus} cores (${results.machine.cpu}), node ${process.version}, ${RUNS} runs, ${clock.toUpperCase()} time in ms (median ±spread); load average ${results.machine.loadAverageAtStart[0]} at start, ${results.machine.loadAverageAtEnd[0]} at end`);
if (rows.length) {
  console.log(['input', 'size', 'docs', `bare parse (${clock})`, `analysis (${clock})`, 'ratio', 'wall: parse / analysis = ratio', 'peak RSS'].map((h, i) => pad(h, W[i])).join(''));
  for (const r of rows) console.log(r.map((c, i) => pad(c, W[i])).join(''));
}
const ie = results.inputs['workloads-1mb.yaml']?.incrementalEdit;
if (ie) console.log(`one-character edit in one document of workloads-1mb.yaml (${clock}): ${ie.edit.median} ms ±${ie.edit.spreadPct}% vs full ${ie.full.median} ms = ${ie.pctOfFull}% of a full pass (wall: ${ie.wall.edit.median} vs ${ie.wall.full.median} ms = ${ie.wall.pctOfFull}%)`);
const tm = results.terraformModule;
if (tm) console.log(`Terraform module directory (${tm.files} files, ${tm.lines} lines, ${clock}): bare parse of every file ${tm.bareParse.median} ms; analysis of main.tf from cold ${tm.cold.median} ms ±${tm.cold.spreadPct}%; after a one-character edit in main.tf ${tm.editMain.median} ms ±${tm.editMain.spreadPct}%; after an edit in variables.tf ${tm.editVariables.median} ms`);
const bz = results.bicep;
if (bz) console.log(`Bicep vs the JSON compiled from it (${clock}, cold, modules read from disk): All-in-One main.bicep + modules + AVM cache ${bz.allInOne.bicepMs.median} ms vs main.json (2.75 MB) ${bz.allInOne.jsonMs.median} ms = ${bz.allInOne.ratio}×; AKS-Construction main.bicep ${bz.construction.bicepMs.median} ms vs compiled ${bz.construction.jsonMs.median} ms = ${bz.construction.ratio}×; ${bz.file300.lines}-line ${path.basename(bz.file300.file)} analysed in ${bz.file300.analysis.median} ms ±${bz.file300.analysis.spreadPct}% (parse included)`);
const kz = results.kustomize;
if (kz) console.log(`Kustomize, one base (${(kz.baseBytes / 1024).toFixed(0)} KB, ${kz.baseFindings} findings) built by ${kz.overlays} overlays (${clock}): open the base cold ${kz.cold.median} ms ±${kz.cold.spreadPct}%; after an edit in the base ${kz.afterBaseEdit.median} ms ±${kz.afterBaseEdit.spreadPct}%, and the open patch it re-analyses ${kz.patchAfterBaseEdit.median} ms ±${kz.patchAfterBaseEdit.spreadPct}% (wall ${kz.wall.cold.median} / ${kz.wall.afterBaseEdit.median} / ${kz.wall.patchAfterBaseEdit.median} ms)`);
const se = results.serverEdit;
if (se?.error) console.log(`server edit: not measured (${se.error})`);
else if (se?.edit) console.log(`same edit through the real server (didChange → diagnostics, debounce included): ${se.edit.median} ms ±${se.edit.spreadPct}%; open → first diagnostics ${se.openToDiagnosticsMs} ms (${se.diagnostics} diagnostics)`);
if (results.cliScan) console.log(`CLI scan of ../shared/corpus, ${results.cliScan.files} files (real bin, incl. start-up): wall ${results.cliScan.median} ms ±${results.cliScan.spreadPct}%${results.cliScan.cpu ? `, CPU ${results.cliScan.cpu.median} ms` : ''}`);
if (results.server?.error) console.log(`server RSS: not measured (${results.server.error})`);
else if (results.server) console.log(`server RSS with the 2.75 MB template open: ${results.server.rssMB} MB (peak ${results.server.peakMB} MB; ${results.server.how}); start+open → first diagnostics ${results.server.firstDiagnosticsMs} ms`);
for (const [n, k] of Object.entries(results.keystroke ?? {})) {
  if (k.error) console.log(`keystroke → diagnostics, ${n}: not measured (${k.error})`);
  else console.log(`keystroke → diagnostics through the real server, ${n} (wall, ${k.edits} edits 250 ms apart): ${k.keystroke.median} ms ±${k.keystroke.spreadPct}% (delay chosen ${k.delayMs.median} ms, analysis ${k.analysisMs.median} ms); open → first diagnostics ${k.openToDiagnosticsMs} ms (delay ${k.openDelayMs} ms, analysis ${k.openAnalysisMs} ms)`);
}
for (const [n, p] of Object.entries(results.wholeProcess ?? {})) {
  console.log(`whole process, ${n} (fresh CLI vs fresh process that only parses, ${p.runs} runs each): wall ${p.wall.cli.median} / ${p.wall.bare.median} ms = ${p.wall.ratio}× (±${p.wall.cli.spreadPct}% / ±${p.wall.bare.spreadPct}%); CPU ${p.cpu.cli.median} / ${p.cpu.bare.median} ms = ${p.cpu.ratio}×`);
}
const cj = results.cliJobs;
if (cj?.error) console.log(`CLI --jobs: not measured (${cj.error})`);
else if (cj) console.log(`CLI on a generated tree of ${cj.files} files (${(cj.bytes / 1024 / 1024).toFixed(1)} MB), ${cj.cores} cores, wall: --jobs 1 ${cj.jobs1.median} ms ±${cj.jobs1.spreadPct}%, --jobs 2 ${cj.jobs2.median} ms ±${cj.jobs2.spreadPct}% = ${cj.speedup}× speed-up (output identical)`);

const t = (name, ok, value, target) => results.targets.push({ name, met: ok, value, target });
for (const n of ['workloads-1mb.yaml', 'arm-1000-resources.json', 'aks-lza-private-cluster-all-in-one-main.json']) {
  const r = results.inputs[n];
  if (r) t(`analysis/parse ${n} (${clock})`, r.ratio <= (n.startsWith('arm-') ? 2 : 1.3), `${r.ratio}×`, n.startsWith('arm-') ? '≤ 2×' : '≤ 1.3×');
}
const m200 = results.inputs['manifest-200-lines.yaml'];
if (m200) t(`200-line manifest median (${clock})`, m200.analysis.median <= 5, `${m200.analysis.median} ms`, '≤ 5 ms');
if (ie) t(`edit in one document (${clock})`, ie.pctOfFull <= 10, `${ie.pctOfFull}% of full`, '≤ 10%');
if (results.server && !results.server.error) t('server RSS, 2.75 MB template open', results.server.rssMB < 150, `${results.server.rssMB} MB`, '< 150 MB');
if (results.cliScan) {
  t('CLI scan of corpus (wall)', results.cliScan.median < 1500, `${results.cliScan.median} ms`, '< 1500 ms');
  if (results.cliScan.cpu) t('CLI scan of corpus (CPU of the process)', results.cliScan.cpu.median < 1500, `${results.cliScan.cpu.median} ms`, '< 1500 ms');
}
const k200 = results.keystroke?.['manifest-200-lines.yaml'];
if (k200 && !k200.error) {
  t('200-line manifest: open analysed without delay', k200.openDelayMs === 0, `${k200.openDelayMs} ms delay`, '0 ms');
  t('200-line manifest: keystroke → diagnostics (wall)', k200.keystroke.median < 100, `${k200.keystroke.median} ms`, '< 100 ms');
}
for (const [n, p] of Object.entries(results.wholeProcess ?? {})) {
  const target = n.startsWith('arm-') ? 2 : 1.3;
  t(`whole process ${n} (wall)`, p.wall.ratio <= target, `${p.wall.ratio}×`, `≤ ${target}×`);
}
if (cj && !cj.error) t(`CLI --jobs 2 speed-up, ${cj.files} files`, cj.speedup > 1, `${cj.speedup}×`, '> 1× (2 cores)');
if (results.bicep) {
  t('Bicep source / its compiled JSON (largest pair)', results.bicep.allInOne.ratio <= 2, `${results.bicep.allInOne.ratio}×`, '≤ 2×');
  t('Bicep source / its compiled JSON (AKS-Construction)', results.bicep.construction.ratio <= 2, `${results.bicep.construction.ratio}×`, '≤ 2×');
  t(`300-line .bicep analysis median (${clock})`, results.bicep.file300.analysis.median <= 16, `${results.bicep.file300.analysis.median} ms`, '≤ 16 ms (a keystroke)');
}
if (results.kustomize) t('Kustomize base + 20 overlays, edit in the base', results.kustomize.afterBaseEdit.median < 150, `${results.kustomize.afterBaseEdit.median} ms`, '< 150 ms');
console.log('\ntargets:');
for (const x of results.targets) console.log(`  ${x.met ? 'MET   ' : 'MISSED'} ${pad(x.name, 52)} ${pad(x.value, 16)} target ${x.target}`);

// ---- --compare: ratios that got worse by more than this run's own spread ---------------------------------------
if (baseline) {
  const worse = compareRuns(baseline, results);
  results.comparedWith = { loadAverageAtStart: baseline.machine?.loadAverageAtStart, worse };
  console.log(`\ncompared with the saved run (load ${baseline.machine?.loadAverageAtStart?.[0] ?? '?'} at its start):`);
  for (const c of worse.all) console.log(`  ${c.flag ? 'WORSE ' : 'ok    '} ${pad(c.name, 60)} ${pad(`${c.before} → ${c.now}`, 22)} allowed ±${c.allowedPct}% (this run's spread)`);
  if (worse.flagged) {
    console.log(`${worse.flagged} figure(s) worse than the saved run by more than this run's spread`);
    process.exitCode = 1;
  }
}
fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwrote bench/results.json');

/**
 * Figures judged against a saved run. A ratio (analysis/parse, whole process, keystroke latency) is worse when it grew
 * by more than this run's own spread for it (the max−min range of its samples relative to their median, both sides of
 * a ratio added); the --jobs speed-up when it shrank by more than that. Figures missing on either side are skipped.
 */
function compareRuns(before, now) {
  const all = [];
  const judge = (name, b, n, spreadPct, higherIsWorse = true) => {
    if (typeof b !== 'number' || typeof n !== 'number' || !Number.isFinite(b) || !Number.isFinite(n)) return;
    const allowed = Math.max(spreadPct, 1);
    const change = ((n - b) / b) * 100 * (higherIsWorse ? 1 : -1);
    all.push({ name, before: b, now: n, allowedPct: round(allowed), flag: change > allowed });
  };
  for (const [n, r] of Object.entries(now.inputs ?? {})) {
    const b = before.inputs?.[n];
    if (b) judge(`analysis/parse ${n} (${r.clock})`, b.ratio, r.ratio, r.parse.spreadPct + r.analysis.spreadPct);
  }
  for (const [n, p] of Object.entries(now.wholeProcess ?? {})) {
    const b = before.wholeProcess?.[n];
    if (b) judge(`whole process ${n} (wall)`, b.wall.ratio, p.wall.ratio, p.wall.cli.spreadPct + p.wall.bare.spreadPct);
  }
  for (const [n, k] of Object.entries(now.keystroke ?? {})) {
    const b = before.keystroke?.[n];
    if (b && !b.error && !k.error) judge(`keystroke → diagnostics ${n} (wall ms)`, b.keystroke.median, k.keystroke.median, k.keystroke.spreadPct);
  }
  if (now.cliJobs && !now.cliJobs.error && before.cliJobs && !before.cliJobs.error) {
    judge('CLI --jobs 2 speed-up (higher is better)', before.cliJobs.speedup, now.cliJobs.speedup, now.cliJobs.jobs1.spreadPct + now.cliJobs.jobs2.spreadPct, false);
  }
  return { all, flagged: all.filter((c) => c.flag).length };
}
