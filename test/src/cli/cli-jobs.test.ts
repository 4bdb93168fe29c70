import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/out/cli';
import { groupFiles, scanTasks } from '../../../server/out/cliWorkers';
import { writeScanTree } from '../helpers/scanTree';
import { armCluster, armPrivateEndpoint, armRegistry, armTemplate, json } from '../helpers/acrFixtures';

const ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

/** Runs the CLI in this process; returns exit code, stdout and stderr. */
function cli(args: string[], cwd: string): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The same scan with --jobs 1 and --jobs N: the same bytes on stdout and stderr, the same exit code. */
function assertSameOutput(paths: string[], cwd: string, jobs: number, format: string) {
  const one = cli([...paths, '--format', format, '--jobs', '1'], cwd);
  const many = cli([...paths, '--format', format, '--jobs', String(jobs)], cwd);
  assert.ok(one.out.length > 1000, `output of --jobs 1: ${one.out.slice(0, 200)}`);
  assert.equal(many.code, one.code);
  assert.ok(many.out === one.out, `--jobs ${jobs} ${format} output differs from --jobs 1`);
  assert.equal(many.err, one.err);
}

describe('CLI --jobs: worker threads, byte-identical output', function () {
  this.timeout(180000);

  it('over ../shared/corpus: --jobs 2 and --jobs 3 print what --jobs 1 prints (JSON, SARIF, text)', function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    assertSameOutput([CORPUS], ROOT, 2, 'json');
    assertSameOutput([CORPUS], ROOT, 3, 'sarif');
    assertSameOutput([CORPUS], ROOT, 2, 'text');
  });

  it('over Terraform modules, Kustomize overlays and Bicep with registry modules (files that read other files): the same output', function () {
    const shared = path.resolve(ROOT, '../shared');
    if (!fs.existsSync(path.join(shared, 'kustomize'))) this.skip();
    assertSameOutput([path.join(shared, 'terraform/corpus')], ROOT, 2, 'json');
    assertSameOutput([path.join(shared, 'kustomize')], ROOT, 2, 'json');
    assertSameOutput([path.join(shared, 'bicep'), '--bicep-cache', path.join(shared, 'bicep/module-cache')], ROOT, 2, 'json');
    assertSameOutput([path.join(shared, 'bicep'), '--bicep-cache', path.join(shared, 'bicep/module-cache')], ROOT, 3, 'text');
  });

  describe('a generated tree of 2,000 files (100 team folders; ServiceAccounts, bindings, SecretProviderClasses, registries, endpoints, pricings in files of their own)', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-jobs-'));
      // One workload per application file keeps the test quick; the bench scans the 20 MB variant.
      const { files } = writeScanTree(dir, 100, 1);
      assert.equal(files, 2000);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('--jobs 2: the same JSON as --jobs 1, with cross-file findings in it', () => {
      assertSameOutput([dir], dir, 2, 'json');
      const j = JSON.parse(cli([dir, '--format', 'json', '--jobs', '2'], dir).out);
      const rules = new Set(j.findings.map((f: { rule: string }) => f.rule));
      for (const r of ['acr-private-endpoint', 'k8s-automount-sa-token', 'k8s-secrets-via-csi', 'k8s-workload-identity-label', 'sub-defender-for-containers']) assert.ok(rules.has(r), r);
    });

    it('--jobs 4: the same text output as --jobs 1', () => {
      assertSameOutput([dir], dir, 4, 'text');
    });
  });

  it('files that need each other in different folders and tasks: same findings (endpoint elsewhere, "in the scanned files")', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-jobs-cross-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      };
      write('a/acr.json', json(armTemplate([armRegistry({ publicNetworkAccess: 'Disabled' }, { name: 'crcontoso' })])));
      write('b/network.json', json(armTemplate([armPrivateEndpoint("[resourceId('Microsoft.ContainerRegistry/registries', 'crcontoso')]")])));
      write('c/aks.json', json(armTemplate([armCluster({ autoUpgradeProfile: { upgradeChannel: 'stable' } })])));
      write('d/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, namespace: web}\nautomountServiceAccountToken: false\n');
      write('e/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: web}\nspec:\n  template:\n    spec:\n      serviceAccountName: api\n      containers: [{name: c, image: nginx}]\n');
      for (const jobs of [2, 3, 5]) assertSameOutput([dir], dir, jobs, 'json');
      const j = JSON.parse(cli([dir, '--format', 'json', '--jobs', '5', '--fail-on', 'none'], dir).out);
      const rules = j.findings.map((f: { rule: string; message: string }) => `${f.rule}: ${f.message}`);
      assert.ok(!rules.some((r: string) => r.startsWith('acr-private-endpoint')), 'the endpoint in b/ counts');
      assert.ok(!rules.some((r: string) => r.startsWith('k8s-automount-sa-token')), 'the ServiceAccount in d/ does not mount its token');
      assert.ok(rules.some((r: string) => r.startsWith('aks-maintenance-window') && r.includes('in the scanned files')), rules.join('\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--jobs must be a positive whole number', () => {
    for (const v of ['0', '-1', 'two', '1.5']) {
      const r = cli(['.', '--jobs', v], ROOT);
      assert.equal(r.code, 2, v);
      assert.match(r.err, /--jobs must be a positive whole number/);
    }
  });
});

describe('CLI --jobs partition (cliWorkers.ts)', () => {
  const files = ['/r/a/1.yaml', '/r/a/2.yaml', '/r/b/1.yaml', '/r/a/3.yaml', '/r/c/x/1.yaml', '/r/c/1.yaml'];

  it('groups files by folder, in scan order', () => {
    assert.deepEqual(groupFiles(files), [[0, 1, 3], [2], [4], [5]]);
  });

  it('a rule that names more groups joins them (e.g. a folder tree), one name for all: one group', () => {
    const tree = (f: string) => [path.dirname(f), f.split('/').slice(0, 3).join('/')];
    assert.deepEqual(groupFiles(files, [tree]), [[0, 1, 3], [2], [4, 5]]);
    assert.deepEqual(groupFiles(files, [() => ['all']]), [[0, 1, 2, 3, 4, 5]]);
  });

  it('tasks cover every file once, largest first; a group above a worker\'s share is cut', () => {
    const sizes = [10, 10, 100, 10, 1, 1];
    const tasks = scanTasks(files, sizes, 2);
    assert.deepEqual(tasks.flat().sort((a, b) => a - b), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(tasks[0], [2]);
    const flat = ['/r/a/1', '/r/a/2', '/r/a/3', '/r/a/4'];
    assert.ok(scanTasks(flat, [10, 10, 10, 10], 2).length > 1, 'one folder spreads over the workers');
  });
});
