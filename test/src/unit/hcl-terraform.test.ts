import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText, applyTextEdits, child, editsForFix, editsForIntent, Finding, items } from '../../../server/out/engine';
import { main } from '../../../server/out/cli';
import { lines } from '../helpers/ruleTester';

/** `.tf` read the way Terraform reads it before `plan`: values, unknowns, azapi bodies, fixes written in HCL. */

const TODAY = { today: '2026-01-01' };

function found(code: string, rule: string, path = 'main.tf'): Array<{ messageId: string; text: string; fix: boolean; message: string }> {
  const res = analyzeText(path, code, TODAY);
  assert.deepEqual(res.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-failed').map((f) => f.message), []);
  return res.findings.filter((f) => f.ruleId === rule).map((f) => ({ messageId: f.messageId, text: code.slice(f.start, f.end), fix: !!f.fix, message: f.message }));
}

function fixed(code: string, rule: string, path = 'main.tf'): string {
  let text = code;
  for (let i = 0; i < 20; i++) {
    const res = analyzeText(path, text, TODAY);
    const f = res.findings.find((x: Finding) => x.ruleId === rule && x.fix);
    if (!f) return text;
    text = applyTextEdits(text, editsForFix(res.file, f.fix!));
  }
  throw new Error('did not converge');
}

const cluster = (...attrs: string[]) => lines(
  'resource "azurerm_kubernetes_cluster" "aks" {',
  '  name                = "aks"',
  '  location            = "westeurope"',
  '  resource_group_name = "rg"',
  '  dns_prefix          = "aks"',
  ...attrs,
  '',
  '  default_node_pool {',
  '    name       = "system"',
  '    node_count = 3',
  '    vm_size    = "Standard_D4ds_v5"',
  '  }',
  '',
  '  identity {',
  '    type = "SystemAssigned"',
  '  }',
  '}',
);

describe('Terraform HCL (.tf)', () => {
  describe('values Terraform knows before plan', () => {
    it('var.x: the default in the same file; the fix edits the default', () => {
      const code = lines('variable "private" {', '  type    = bool', '  default = false', '}', '') + cluster('  private_cluster_enabled = var.private');
      assert.deepEqual(found(code, 'aks-private-cluster').map((f) => [f.messageId, f.text, f.message]),
        [['disabled', 'var.private', "Cluster azurerm_kubernetes_cluster.aks has a public API server (from variable 'private')."]]);
      assert.equal(fixed(code, 'aks-private-cluster'), code.replace('default = false', 'default = true'));
    });
    it('local.x, and a conditional of known parts (the fix replaces the conditional by the literal)', () => {
      const code = lines('locals {', '  private = false', '  strict  = false', '}', '') + cluster(
        '  private_cluster_enabled = local.private',
        '  local_account_disabled  = local.strict ? true : false',
      );
      assert.deepEqual(found(code, 'aks-private-cluster').map((f) => f.text), ['local.private']);
      assert.equal(fixed(code, 'aks-private-cluster'), code.replace('private = false', 'private = true'));
      assert.deepEqual(found(code, 'aks-disable-local-accounts').map((f) => f.text), ['local.strict ? true : false']);
      assert.equal(fixed(code, 'aks-disable-local-accounts'), code.replace('local.strict ? true : false', 'true').replace(
        '    type = "SystemAssigned"\n  }\n',
        '    type = "SystemAssigned"\n  }\n\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }\n',
      ));
    });
    it('string templates and functions of known parts', () => {
      const code = lines('locals {', '  channel = "Stab"', '}', '') + cluster('  automatic_upgrade_channel = lower("${local.channel}le")');
      assert.deepEqual(found(code, 'aks-cluster-auto-upgrade-channel'), []);
      const none = lines('locals {', '  channel = "No"', '}', '') + cluster('  automatic_upgrade_channel = lower("${local.channel}ne")');
      assert.deepEqual(found(none, 'aks-cluster-auto-upgrade-channel').map((f) => f.text), ['lower("${local.channel}ne")']);
    });
    it('a function of a collection is known only when every part is: concat(local.r, [...])', () => {
      const code = (r: string) => lines('variable "nodefault" {}', 'locals {', `  r = ${r}`, '}', '') + cluster(
        '  api_server_access_profile {', '    authorized_ip_ranges = concat(local.r, ["10.0.0.0/8"])', '  }');
      assert.deepEqual(found(code('[var.nodefault]'), 'aks-api-authorized-ip-ranges-open'), []);
      assert.deepEqual(found(code('["0.0.0.0/0"]'), 'aks-api-authorized-ip-ranges-open').map((f) => f.text), ['concat(local.r, ["10.0.0.0/8"])']);
    });
    it('unknown is never a finding: resource attributes, variables without default, data sources', () => {
      for (const v of ['azurerm_resource_group.rg.tags.private', 'var.nodefault', 'data.x.y.z', 'each.value', 'local.missing', 'var.nodefault ? true : false']) {
        const code = lines('variable "nodefault" {}', '') + cluster(`  private_cluster_enabled = ${v}`);
        assert.deepEqual(found(code, 'aks-private-cluster'), [], v);
      }
    });
    it('count = 0 and for_each = {} mean not deployed; an unknown count is judged', () => {
      assert.deepEqual(found(cluster('  count = 0'), 'aks-private-cluster'), []);
      assert.deepEqual(found(cluster('  for_each = {}'), 'aks-private-cluster'), []);
      assert.deepEqual(found(lines('variable "n" {', '  default = 0', '}') + cluster('  count = var.n'), 'aks-private-cluster'), []);
      assert.equal(found(cluster('  count = var.unknown'), 'aks-private-cluster').length, 1);
      assert.equal(found(cluster('  count = 1'), 'aks-private-cluster').length, 1);
    });
    it('a dynamic block: its contents are unknown', () => {
      const code = cluster(
        '  dynamic "azure_active_directory_role_based_access_control" {',
        '    for_each = var.rbac == null ? [] : [var.rbac]',
        '    content {',
        '      azure_rbac_enabled = false',
        '    }',
        '  }',
      );
      assert.deepEqual(found(code, 'aks-azure-rbac'), []);
      assert.deepEqual(found(code, 'aks-entra-id-integration'), []);
    });
  });

  describe('azapi_resource bodies are ARM resources', () => {
    const azapi = (body: string[]) => lines(
      'resource "azapi_resource" "aks" {',
      '  type      = "Microsoft.ContainerService/managedClusters@2024-09-01"',
      '  name      = "aks"',
      '  parent_id = azurerm_resource_group.rg.id',
      ...body,
      '}',
    );
    it('an HCL object body: finding and fix in the body', () => {
      const code = azapi(['  body = {', '    properties = {', '      dnsPrefix = "aks"', '      apiServerAccessProfile = {', '        enablePrivateCluster = false', '      }', '    }', '  }']);
      assert.deepEqual(found(code, 'aks-private-cluster').map((f) => [f.messageId, f.text]), [['disabled', 'false']]);
      assert.equal(fixed(code, 'aks-private-cluster'), code.replace('enablePrivateCluster = false', 'enablePrivateCluster = true'));
      // Inserted into the object, aligned with its single-line neighbours.
      assert.equal(fixed(code, 'aks-disable-run-command'), code.replace('        enablePrivateCluster = false\n', '        enablePrivateCluster = false\n        disableRunCommand    = true\n'));
    });
    it('jsonencode({…}) body: the object inside is read and edited in place', () => {
      const code = azapi(['  body = jsonencode({', '    properties = {', '      dnsPrefix = "aks"', '    }', '  })']);
      assert.deepEqual(found(code, 'aks-disable-local-accounts').map((f) => [f.messageId, f.text]), [['missing', 'properties']]);
      // The fix also turns on Entra ID integration (local accounts off needs it): a multi-line item, not aligned.
      assert.equal(fixed(code, 'aks-disable-local-accounts'), code.replace('      dnsPrefix = "aks"\n', lines(
        '      dnsPrefix            = "aks"',
        '      disableLocalAccounts = true',
        '      aadProfile = {',
        '        managed         = true',
        '        enableAzureRBAC = true',
        '      }',
      )));
    });
    it('a body that is not known (local of another file, unknown type) is not judged', () => {
      assert.deepEqual(found(azapi(['  body = local.resource_body']), 'aks-private-cluster'), []);
    });
  });

  describe('fixes in HCL, as terraform fmt leaves them', () => {
    it('adding a longer attribute re-aligns the run of attributes it joins', () => {
      const code = cluster('  private_cluster_enabled = true');
      const out = fixed(code, 'aks-image-cleaner');
      assert.equal(out, lines(
        'resource "azurerm_kubernetes_cluster" "aks" {',
        '  name                    = "aks"',
        '  location                = "westeurope"',
        '  resource_group_name     = "rg"',
        '  dns_prefix              = "aks"',
        '  private_cluster_enabled = true',
        '  image_cleaner_enabled   = true',
        '',
        '  default_node_pool {',
        '    name       = "system"',
        '    node_count = 3',
        '    vm_size    = "Standard_D4ds_v5"',
        '  }',
        '',
        '  identity {',
        '    type = "SystemAssigned"',
        '  }',
        '}',
      ));
      const longer = fixed(code, 'aks-cluster-auto-upgrade-channel');
      assert.match(longer, /\n {2}name {22}= "aks"\n/);
      assert.match(longer, /\n {2}automatic_upgrade_channel = "stable"\n\n {2}default_node_pool/);
    });
    it('one fix adding several attributes to one body aligns them together', () => {
      const code = lines('resource "azurerm_kubernetes_cluster" "aks" {', '  name       = "aks"', '  dns_prefix = "aks"', '}');
      assert.equal(fixed(code, 'aks-workload-identity'), lines(
        'resource "azurerm_kubernetes_cluster" "aks" {', '  name                      = "aks"', '  dns_prefix                = "aks"',
        '  workload_identity_enabled = true', '  oidc_issuer_enabled       = true', '}'));
    });
    it('adding a nested block: after the last block, a blank line as between the others', () => {
      const out = fixed(cluster(), 'aks-keyvault-secrets-provider');
      assert.ok(out.endsWith(lines('  identity {', '    type = "SystemAssigned"', '  }', '', '  key_vault_secrets_provider {', '    secret_rotation_enabled = true', '  }', '}')), out);
    });
    it('adding into a block written on one line spreads it over lines', () => {
      const code = cluster('  private_cluster_enabled = true', '  key_vault_secrets_provider { secret_rotation_interval = "2m" }');
      const out = fixed(code, 'aks-secret-rotation');
      assert.equal(out, code.replace('  key_vault_secrets_provider { secret_rotation_interval = "2m" }\n',
        '  key_vault_secrets_provider {\n    secret_rotation_interval = "2m"\n    secret_rotation_enabled  = true\n  }\n'));
    });
    it('a value that is a string with ${ is written as a literal ($${)', () => {
      // Set through the fix writer directly: the rendered literal must not become a template.
      const { render } = require('../../../server/out/engine/fixes/hcl') as { render: (v: unknown, i: string, e: string) => string };
      assert.equal(render('a${b}%{c}', '', '\n'), '"a$${b}%%{c}"');
      assert.equal(render({ a: 1, bb: ['x'] }, '  ', '\n'), '{\n    a  = 1\n    bb = ["x"]\n  }');
    });
    it('removing: an attribute (its line), a tuple element (with its comma)', () => {
      const code = cluster('  private_cluster_enabled = false', '  api_server_authorized_ip_ranges = ["0.0.0.0/0", "10.0.0.0/8"]');
      const res = analyzeText('main.tf', code, TODAY);
      const f = res.findings.find((x) => x.ruleId === 'aks-api-authorized-ip-ranges-open')!;
      assert.equal(applyTextEdits(code, editsForFix(res.file, f.suggestions![0])), code.replace('["0.0.0.0/0", "10.0.0.0/8"]', '["10.0.0.0/8"]'));
      const root = res.file.documents[0].root;
      const body = child(child(items(child(root, 'resource'))[0], 'azurerm_kubernetes_cluster'), 'aks')!;
      const edits = editsForIntent(res.file, { kind: 'remove', doc: res.file.documents[0], node: child(body, 'private_cluster_enabled')! });
      assert.equal(applyTextEdits(code, edits), code.replace('  private_cluster_enabled = false\n', ''));
    });
  });

  describe('suppressions in HCL comments', () => {
    it('# and // next-line directives, and the file form', () => {
      const base = cluster('  private_cluster_enabled = false');
      const hash = base.replace('  private_cluster_enabled = false', '  # aks-guardrails-disable-next-line aks-private-cluster -- public by design, behind a firewall\n  private_cluster_enabled = false');
      assert.deepEqual(found(hash, 'aks-private-cluster'), []);
      const slashes = base.replace('  private_cluster_enabled = false', '  // aks-guardrails-disable-next-line aks-private-cluster -- public by design\n  private_cluster_enabled = false');
      assert.deepEqual(found(slashes, 'aks-private-cluster'), []);
      const file = '# aks-guardrails-disable-file aks-private-cluster -- a public test cluster\n\n' + base;
      assert.deepEqual(found(file, 'aks-private-cluster'), []);
      const noReason = base.replace('  private_cluster_enabled = false', '  # aks-guardrails-disable-next-line aks-private-cluster\n  private_cluster_enabled = false');
      assert.equal(found(noReason, 'aks-private-cluster').length, 1);
      assert.deepEqual(found(noReason, 'suppression').map((f) => f.messageId), ['missingReason']);
    });
  });

  describe('CLI', () => {
    it('scans .tf and .tfvars in a directory, format terraform, findings in the .tf file', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-tf-'));
      try {
        fs.writeFileSync(path.join(dir, 'main.tf'), cluster('  private_cluster_enabled = false'));
        fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'location = "westeurope"\n');
        let out = '';
        main([dir, '--format', 'json', '--fail-on', 'none'], { out: (s) => (out += s + '\n'), err: () => undefined, cwd: dir });
        const j = JSON.parse(out);
        assert.deepEqual(j.files.map((f: { path: string; format: string }) => [path.basename(f.path), f.format]).sort(), [['main.tf', 'terraform'], ['terraform.tfvars', 'terraform']]);
        const priv = j.findings.filter((f: { rule: string }) => f.rule === 'aks-private-cluster');
        assert.equal(priv.length, 1);
        assert.equal(path.basename(priv[0].path), 'main.tf');
        assert.deepEqual(priv[0].range.start, { line: 6, column: 29 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('Terraform HCL: CLI --fix on a module directory', () => {
  it('writes the fix of a value from a variable into terraform.tfvars, the attribute fixes into main.tf', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-tf-fix-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), cluster('  private_cluster_enabled = var.private'));
      fs.writeFileSync(path.join(dir, 'variables.tf'), 'variable "private" {\n  type    = bool\n  default = true\n}\n');
      fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'private = false\n');
      let out = '';
      const code = main([dir, '--fix', '--fail-on', 'none'], { out: (s) => (out += s + '\n'), err: (s) => (out += s + '\n'), cwd: dir });
      assert.equal(code, 0);
      assert.equal(fs.readFileSync(path.join(dir, 'terraform.tfvars'), 'utf8'), 'private = true\n');
      assert.equal(fs.readFileSync(path.join(dir, 'variables.tf'), 'utf8'), 'variable "private" {\n  type    = bool\n  default = true\n}\n');
      const fixedMain = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
      assert.match(fixedMain, /\n  local_account_disabled {4}= true\n/);
      assert.deepEqual(analyzeText('main.tf', fixedMain, TODAY).findings.filter((f) => f.ruleId === 'parse-error'), []);
      assert.match(out, /fixed 1 problem\(s\) in terraform.tfvars/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Terraform HCL: CLI --var-file', () => {
  it('values of --var-file win over terraform.tfvars; the finding names the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-tf-varfile-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), cluster('  private_cluster_enabled = var.private'));
      fs.writeFileSync(path.join(dir, 'variables.tf'), 'variable "private" {\n  default = true\n}\n');
      fs.writeFileSync(path.join(dir, 'prod.tfvars'), 'private = false\n');
      const run = (args: string[]) => {
        let out = '';
        main([dir, '--format', 'json', '--fail-on', 'none', ...args], { out: (s) => (out += s + '\n'), err: () => undefined, cwd: dir });
        return (JSON.parse(out).findings as Array<{ rule: string; message: string }>).filter((f) => f.rule === 'aks-private-cluster').map((f) => f.message);
      };
      assert.deepEqual(run([]), []);
      assert.deepEqual(run(['--var-file', 'prod.tfvars']), ["Cluster azurerm_kubernetes_cluster.aks has a public API server (from variable 'private' set in prod.tfvars)."]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Terraform HCL: azapi_update_resource is a partial update', () => {
  it('what its body does not set is unknown (no finding); what it sets is judged', () => {
    const update = (props: string[]) => lines(
      'resource "azapi_update_resource" "post" {',
      '  resource_id = azurerm_kubernetes_cluster.main.id',
      '  type        = "Microsoft.ContainerService/managedClusters@2024-09-01"',
      '  body = {',
      '    properties = {',
      ...props,
      '    }',
      '  }',
      '}',
    );
    const res = analyzeText('main.tf', update(['      kubernetesVersion = "1.30"']), TODAY);
    assert.deepEqual(res.findings.filter((f) => f.ruleId.startsWith('aks-')).map((f) => f.message), []);
    const bad = update(['      disableLocalAccounts = false']);
    assert.deepEqual(found(bad, 'aks-disable-local-accounts').map((f) => [f.text, f.message]), [['false', 'Cluster azapi_update_resource.post keeps local accounts enabled.']]);
  });
});
