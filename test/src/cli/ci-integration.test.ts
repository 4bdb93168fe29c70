import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

/**
 * Using it in CI: the GitHub Action (action.yml + scripts/action/run.mjs) run with a realistic environment, the
 * pre-commit hook (.pre-commit-hooks.yaml) with the file list pre-commit passes, and every CI snippet of the README
 * (it parses; the options it passes exist; the action inputs it sets exist).
 */
const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/aks-guardrails.js');
const lines = (...l: string[]) => l.join('\n') + '\n';
const PRIVILEGED = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: debug', 'spec:', '  containers:', '    - name: shell', '      image: myregistry.azurecr.io/tools/shell:1.0.0', '      securityContext:', '        privileged: true');
const REGISTRY = lines("resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {", "  name: 'acr'", "  location: 'westeurope'", "  sku: { name: 'Premium' }", '  properties: {', '    adminUserEnabled: true', '  }', '}');

const usage = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
const cliOptions = new Set([...usage.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]));

/** Every `--option` of an aks-guardrails command line exists in the CLI's usage. */
function assertOptionsExist(command: string) {
  for (const m of command.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)) assert.ok(cliOptions.has(m[1]), `${m[1]} in "${command.trim()}" is an option of the CLI`);
}

describe('CI: GitHub Action, pre-commit, README snippets', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-ci-')));
    fs.mkdirSync(path.join(dir, 'manifests'));
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'manifests', 'debug.yaml'), PRIVILEGED);
    fs.writeFileSync(path.join(dir, 'infra', 'acr.bicep'), REGISTRY);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('action.yml: a composite action whose scan step gets every input', () => {
    const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    const inputs = Object.keys(action.inputs);
    assert.deepEqual(inputs, ['paths', 'format', 'fail-on', 'config', 'baseline', 'sarif-file', 'bicep-cache']);
    const scan = action.runs.steps.find((s: any) => s.id === 'scan');
    assert.match(scan.run, /scripts\/action\/run\.mjs/);
    for (const i of inputs) assert.equal(scan.env[`INPUT_${i.toUpperCase()}`], `\${{ inputs.${i} }}`);
    for (const [name, o] of Object.entries<any>(action.outputs)) assert.equal(o.value, `\${{ steps.scan.outputs.${name} }}`);
    const install = action.runs.steps[0];
    assert.match(install.run, /npm ci .*&& npm run build/);
  });

  it('the action script: SARIF file, job summary and outputs; exit 1 on findings at fail-on, 0 with the baseline', () => {
    const summary = path.join(dir, 'summary.md');
    const output = path.join(dir, 'output.txt');
    const env = {
      ...process.env, GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output,
      INPUT_PATHS: 'manifests\ninfra', INPUT_FORMAT: 'text', 'INPUT_FAIL-ON': 'error', INPUT_CONFIG: '', INPUT_BASELINE: '', 'INPUT_SARIF-FILE': 'out/aks.sarif',
    };
    const run = () => spawnSync(process.execPath, [path.join(ROOT, 'scripts/action/run.mjs')], { cwd: ROOT, env, encoding: 'utf8' });
    const r = run();
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /k8s-no-privileged/); // the log shows the text report
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out/aks.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((x: any) => x.ruleId === 'acr-admin-user-disabled' && x.locations[0].physicalLocation.artifactLocation.uri === 'infra/acr.bicep'));
    assert.ok(sarif.runs[0].results.every((x: any) => /^[0-9a-f]{32}$/.test(x.partialFingerprints['aksGuardrails/v1'])));
    const md = fs.readFileSync(summary, 'utf8');
    assert.match(md, /^## AKS Guardrails$/m);
    assert.match(md, /❌ failed: findings at or above error/);
    assert.match(md, /^\| rule \| severity \| findings \| files \|$/m);
    assert.match(md, /^\| `k8s-no-privileged` \| error \| 1 \| 1 \|$/m);
    const out = Object.fromEntries(fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split('=')));
    assert.equal(out['sarif-file'], 'out/aks.sarif');
    assert.equal(out['exit-code'], '1');
    assert.ok(Number(out.findings) >= 2 && Number(out.errors) >= 2);
    // With a baseline of today's findings: passes, and the summary says what it hid.
    assert.equal(spawnSync(process.execPath, [BIN, 'manifests', 'infra', '--baseline-create'], { cwd: dir }).status, 0);
    fs.writeFileSync(summary, '');
    const again = run();
    assert.equal(again.status, 0, again.stderr);
    assert.match(fs.readFileSync(summary, 'utf8'), /✅ passed.*\*\*0\*\* findings.*accepted findings? hidden by the baseline/s);
  });

  it('.pre-commit-hooks.yaml: the hook selects the formats the CLI reads; the entry point takes the file list pre-commit passes', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    const hook = hooks.find((h: any) => h.id === 'aks-guardrails');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'aks-guardrails');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.bin[hook.entry], './bin/aks-guardrails.js');
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude);
    const selected = (f: string) => files.test(f) && !exclude.test(f);
    for (const f of ['infra/main.bicep', 'infra/main.bicepparam', 'tf/main.tf', 'tf/prod.tfvars', 'k8s/app.yaml', 'k8s/app.yml', 'arm/azuredeploy.json']) assert.ok(selected(f), f);
    for (const f of ['README.md', 'src/app.ts', 'package.json', 'package-lock.json', '.aks-guardrails.jsonc', '.aks-guardrails-baseline.json']) assert.ok(!selected(f), f);
    // pre-commit runs `entry` with the staged files (relative paths, from the repository root).
    const staged = ['manifests/debug.yaml', 'infra/acr.bicep'];
    const r = spawnSync(process.execPath, [BIN, ...staged], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /manifests\/debug\.yaml/);
    assert.match(r.stdout, /infra\/acr\.bicep/);
    fs.writeFileSync(path.join(dir, 'manifests', 'debug.yaml'), PRIVILEGED.replace('privileged: true', 'privileged: false'));
    // npm pack (what pre-commit installs) carries the built CLI.
    const pack = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' });
    const packed = JSON.parse(pack.stdout)[0].files.map((f: any) => f.path);
    for (const f of ['bin/aks-guardrails.js', 'dist/cli.js', 'docs/rules/k8s-no-privileged.md']) assert.ok(packed.includes(f), `${f} in the package`);
    assert.ok(!packed.some((f: string) => f.startsWith('node_modules/') || f.startsWith('test/')));
  });

  it('README "Use it in CI": every snippet parses, runs commands that exist and sets inputs the action has', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Use it in CI'), readme.indexOf('\n## ', readme.indexOf('## Use it in CI') + 5));
    const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.equal(yamlBlocks.length, 3);
    const [gh, ado, preCommit] = yamlBlocks.map((b) => parse(b));
    // GitHub: the action step's inputs exist; the SARIF it uploads is the one the action writes.
    const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    const steps = gh.jobs.scan.steps;
    const ours = steps.find((s: any) => /aks-guardrails@/.test(s.uses ?? ''));
    for (const k of Object.keys(ours.with)) assert.ok(k in action.inputs, `input ${k}`);
    const upload = steps.find((s: any) => /upload-sarif/.test(s.uses ?? ''));
    assert.equal(upload.with.sarif_file, ours.with['sarif-file']);
    assert.equal(gh.permissions['security-events'], 'write');
    // Azure DevOps: the CLI command's options exist; the SARIF lands in the CodeAnalysisLogs artifact.
    const script = ado.steps.find((s: any) => /aks-guardrails\.js/.test(s.script ?? '')).script as string;
    assertOptionsExist(script);
    assert.match(script, /--sarif-file \$\(Build\.ArtifactStagingDirectory\)\/CodeAnalysisLogs\//);
    assert.equal(ado.steps.find((s: any) => s.task === 'PublishBuildArtifacts@1').inputs.ArtifactName, 'CodeAnalysisLogs');
    // The command works as written (paths and variables replaced).
    const cmd = script.replace(/node \S+aks-guardrails\.js/, '').replace(/\$\(Build\.ArtifactStagingDirectory\)/, path.join(dir, 'staging')).trim().split(/\s+/);
    const r = spawnSync(process.execPath, [BIN, ...cmd], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'staging/CodeAnalysisLogs/aks-guardrails.sarif')));
    // pre-commit: the hook id exists; its args are CLI options.
    const hook = preCommit.repos[0].hooks[0];
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.ok(hooks.some((h: any) => h.id === hook.id));
    assertOptionsExist(hook.args.join(' '));
    // The shell lines of the section use options that exist.
    for (const m of section.matchAll(/^aks-guardrails .*$/gm)) assertOptionsExist(m[0]);
  });
});
