import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { analyzeFile, applyTextEdits, clearParsedOthers, editsByFile, FileSource, Finding, memoryFiles, parseFile } from '../../../server/out/engine';
import { lines } from '../helpers/ruleTester';

/** A Terraform module is a directory: variables, tfvars, sibling resources, module calls, multi-file fixes. */
const DIR = resolve('/work/infra');
const at = (name: string) => join(DIR, name);
const TODAY = { today: '2026-01-01' };

const CLUSTER = (privateValue: string) => lines(
  'resource "azurerm_kubernetes_cluster" "aks" {',
  '  name                    = "aks"',
  '  location                = "westeurope"',
  '  resource_group_name     = "rg"',
  '  dns_prefix              = "aks"',
  `  private_cluster_enabled = ${privateValue}`,
  '}',
);
const VARIABLES = (def: string) => lines('variable "private" {', '  type    = bool', `  default = ${def}`, '}');

function analyse(files: Record<string, string>, name: string, rule?: string) {
  const source: FileSource = memoryFiles(files);
  const file = parseFile(at(name), files[at(name)]);
  const res = analyzeFile(file, TODAY, { files: source });
  const found = res.findings.filter((f) => !rule || f.ruleId === rule);
  return { file, res, found, text: (f: Finding) => file.text.slice(f.start, f.end) };
}

describe('Terraform module directory (.tf)', () => {
  beforeEach(() => clearParsedOthers());

  it('a variable default in variables.tf: the finding at var.x in main.tf, the fix edits variables.tf', () => {
    const files = { [at('main.tf')]: CLUSTER('var.private'), [at('variables.tf')]: VARIABLES('false') };
    const a = analyse(files, 'main.tf', 'aks-private-cluster');
    assert.deepEqual(a.found.map((f) => [a.text(f), f.message]), [['var.private', "Cluster azurerm_kubernetes_cluster.aks has a public API server (from variable 'private')."]]);
    const groups = editsByFile(a.file, a.found[0].fix!);
    assert.deepEqual(groups.map((g) => g.file.path), [at('variables.tf')]);
    assert.equal(applyTextEdits(groups[0].file.text, groups[0].edits), VARIABLES('true'));
    // variables.tf's own analysis does not repeat the finding at the default.
    assert.deepEqual(analyse(files, 'variables.tf').found.filter((f) => f.ruleId.startsWith('aks-')).map((f) => f.message), []);
    assert.deepEqual(analyse({ ...files, [at('variables.tf')]: VARIABLES('true') }, 'main.tf', 'aks-private-cluster').found, []);
  });

  it('terraform.tfvars overrides the default, *.auto.tfvars override terraform.tfvars; the fix edits the value where it is written', () => {
    const base = { [at('main.tf')]: CLUSTER('var.private'), [at('variables.tf')]: VARIABLES('true') };
    const tfvars = { ...base, [at('terraform.tfvars')]: 'private = false\n' };
    const a = analyse(tfvars, 'main.tf', 'aks-private-cluster');
    assert.deepEqual(a.found.map((f) => f.message), ["Cluster azurerm_kubernetes_cluster.aks has a public API server (from variable 'private' set in terraform.tfvars)."]);
    const groups = editsByFile(a.file, a.found[0].fix!);
    assert.deepEqual(groups.map((g) => [g.file.path, applyTextEdits(g.file.text, g.edits)]), [[at('terraform.tfvars'), 'private = true\n']]);
    assert.deepEqual(analyse({ ...tfvars, [at('prod.auto.tfvars')]: 'private = true\n' }, 'main.tf', 'aks-private-cluster').found, []);
    assert.equal(analyse({ ...base, [at('a.auto.tfvars')]: 'private = false\n' }, 'main.tf', 'aks-private-cluster').found.length, 1);
    // A variable without a default is unknown until a tfvars file sets it.
    const noDefault = { [at('main.tf')]: CLUSTER('var.private'), [at('variables.tf')]: 'variable "private" {}\n' };
    assert.deepEqual(analyse(noDefault, 'main.tf', 'aks-private-cluster').found, []);
    assert.equal(analyse({ ...noDefault, [at('terraform.tfvars.json')]: '{"private": false}\n' }, 'main.tf', 'aks-private-cluster').found.length, 1);
  });

  it('locals of another file of the module', () => {
    const files = { [at('main.tf')]: CLUSTER('local.private'), [at('locals.tf')]: lines('locals {', '  private = false', '}') };
    const a = analyse(files, 'main.tf', 'aks-private-cluster');
    assert.equal(a.found.length, 1);
    assert.deepEqual(editsByFile(a.file, a.found[0].fix!).map((g) => applyTextEdits(g.file.text, g.edits)), [lines('locals {', '  private = true', '}')]);
  });

  it('a private endpoint in a sibling file matches the registry', () => {
    const acr = lines(
      'resource "azurerm_container_registry" "acr" {', '  name                          = "acr"', '  resource_group_name           = "rg"',
      '  location                      = "westeurope"', '  sku                           = "Premium"', '  public_network_access_enabled = false', '}',
    );
    const pe = lines(
      'resource "azurerm_private_endpoint" "acr" {', '  name                = "pe"', '  location            = "westeurope"', '  resource_group_name = "rg"', '  subnet_id           = "x"',
      '  private_service_connection {', '    name                           = "acr"', '    private_connection_resource_id = azurerm_container_registry.acr.id',
      '    subresource_names              = ["registry"]', '    is_manual_connection           = false', '  }', '}',
    );
    assert.equal(analyse({ [at('acr.tf')]: acr }, 'acr.tf', 'acr-private-endpoint').found.length, 1);
    assert.deepEqual(analyse({ [at('acr.tf')]: acr, [at('network.tf')]: pe }, 'acr.tf', 'acr-private-endpoint').found, []);
    // The endpoint's own file reports nothing about the registry of acr.tf.
    assert.deepEqual(analyse({ [at('acr.tf')]: acr, [at('network.tf')]: pe }, 'network.tf').found.filter((f) => f.ruleId.startsWith('acr-')).map((f) => f.message), []);
  });

  it('the findings of a directory are the same whichever file is analysed first', () => {
    const files = { [at('main.tf')]: CLUSTER('var.private'), [at('variables.tf')]: VARIABLES('false'), [at('terraform.tfvars')]: 'private = false\n' };
    const run = (order: string[]) => {
      clearParsedOthers();
      const out: Record<string, string[]> = {};
      for (const name of order) out[name] = analyse(files, name).found.map((f) => `${f.ruleId}@${f.start}: ${f.message}`);
      return out;
    };
    assert.deepEqual(run(['main.tf', 'variables.tf', 'terraform.tfvars']), run(['terraform.tfvars', 'variables.tf', 'main.tf']));
  });

  it('a local module call passes its arguments: the finding at the caller\'s value, the fix there', () => {
    const child = lines('variable "private" {', '  default = true', '}', '') + CLUSTER('var.private').replace('"aks"', '"inner"');
    const caller = lines('module "aks" {', '  source  = "./modules/aks"', '  private = false', '}');
    const files = { [at('main.tf')]: caller, [at('modules/aks/main.tf')]: child };
    const a = analyse(files, 'main.tf', 'aks-private-cluster');
    assert.deepEqual(a.found.map((f) => [a.text(f), f.message]), [['false', "Cluster azurerm_kubernetes_cluster.inner has a public API server (from module argument 'private')."]]);
    assert.deepEqual(editsByFile(a.file, a.found[0].fix!).map((g) => [g.file.path, applyTextEdits(g.file.text, g.edits)]), [[at('main.tf'), caller.replace('private = false', 'private = true')]]);
    // The module's own file: its default is true, nothing to report.
    assert.deepEqual(analyse(files, 'modules/aks/main.tf', 'aks-private-cluster').found, []);
    // count = 0 on the call: not deployed.
    assert.deepEqual(analyse({ ...files, [at('main.tf')]: caller.replace('  private = false', '  private = false\n  count   = 0') }, 'main.tf', 'aks-private-cluster').found, []);
  });

  it('registry modules: followed where terraform init downloaded them, else one Information per file', () => {
    const caller = lines('module "aks" {', '  source  = "Azure/aks/azurerm"', '  version = "9.0.0"', '  private = false', '}', 'module "other" {', '  source = "git::https://example.com/x.git"', '}');
    const a = analyse({ [at('main.tf')]: caller }, 'main.tf', 'terraform-module');
    assert.deepEqual(a.found.map((f) => [a.text(f), f.severity, f.message]), [
      ['"aks"', 'info', "Module calls 'aks', 'other' are not analysed: their sources are not downloaded (run `terraform init`, which writes .terraform/modules/modules.json)."],
    ]);
    const child = lines('variable "private" {', '  default = true', '}', '') + CLUSTER('var.private');
    const files = {
      [at('main.tf')]: caller,
      [at('.terraform/modules/modules.json')]: JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'aks', Source: 'registry.terraform.io/Azure/aks/azurerm', Dir: '.terraform/modules/aks' }] }),
      [at('.terraform/modules/aks/main.tf')]: child,
    };
    const b = analyse(files, 'main.tf');
    assert.deepEqual(b.found.filter((f) => f.ruleId === 'aks-private-cluster').map((f) => b.text(f)), ['false']);
    assert.deepEqual(b.found.filter((f) => f.ruleId === 'terraform-module').map((f) => f.message), ["Module call 'other' is not analysed: its source is not downloaded (run `terraform init`, which writes .terraform/modules/modules.json)."]);
  });

  it('the azurerm major version: required_providers of any file of the module when it pins one, else .terraform.lock.hcl', () => {
    const lock = (v: string) => lines('provider "registry.terraform.io/hashicorp/azurerm" {', `  version     = "${v}"`, '  constraints = ">= 3.0.0"', '}');
    const versions = lines('terraform {', '  required_providers {', '    azurerm = {', '      source  = "hashicorp/azurerm"', '      version = "~> 3.100"', '    }', '  }', '}');
    const fixedText = (files: Record<string, string>) => {
      const a = analyse(files, 'main.tf', 'aks-cluster-auto-upgrade-channel');
      return applyTextEdits(a.file.text, editsByFile(a.file, a.found[0].fix!)[0].edits);
    };
    assert.match(fixedText({ [at('main.tf')]: CLUSTER('true'), [at('versions.tf')]: versions }), /automatic_channel_upgrade = "stable"/);
    // A constraint that pins a major version is what the module declares (issue 16: required_providers, then the lock).
    assert.match(fixedText({ [at('main.tf')]: CLUSTER('true'), [at('versions.tf')]: versions, [at('.terraform.lock.hcl')]: lock('4.10.0') }), /automatic_channel_upgrade = "stable"/);
    // One that allows several (">= 3.0") leaves it to what `terraform init` locked.
    assert.match(fixedText({ [at('main.tf')]: CLUSTER('true'), [at('versions.tf')]: versions.replace('~> 3.100', '>= 3.0'), [at('.terraform.lock.hcl')]: lock('4.10.0') }), /automatic_upgrade_channel = "stable"/);
    assert.match(fixedText({ [at('main.tf')]: CLUSTER('true') }), /automatic_upgrade_channel = "stable"/);
  });
});
