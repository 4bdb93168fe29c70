import * as assert from 'node:assert/strict';
import { analyzeText, applyTextEdits, editsForFix } from '../../../server/out/engine';
import { armCluster, armTemplate, at, json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-api-authorized-ip-ranges-open';

const armRanges = (ranges: unknown, extra: Record<string, unknown> = {}) =>
  armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ranges, ...extra } })]);
const armOnlyOpen = armRanges(['0.0.0.0/0']);
const armMixed = armRanges(['203.0.113.0/24', '0.0.0.0/0']);
const bicepParam = (def: string[]) =>
  armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: "[parameters('ranges')]" } })], {
    bicep: true,
    parameters: { ranges: { type: 'array', defaultValue: def } },
  });
const elementParam = (def: string) =>
  armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ['10.1.0.0/16', "[parameters('extra')]"] } })], {
    parameters: { extra: { type: 'string', defaultValue: def } },
  });
const legacy = armTemplate([armCluster({ apiServerAuthorizedIPRanges: ['0.0.0.0/0', '198.51.100.0/24'] }, { apiVersion: '2019-06-01' })]);
const nestedLv2 = armTemplate(
  [nestedDeployment(armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: "[parameters('ranges')]" } })], { languageVersion2: true, parameters: { ranges: { type: 'array' } } }), { ranges: ['0.0.0.0/0'] })],
  { languageVersion2: true },
);
const tf3 = tfCluster(3, { api_server_authorized_ip_ranges: ['0.0.0.0/0'] });
const tf4 = tfCluster(4, { api_server_access_profile: [{ authorized_ip_ranges: ['10.0.0.0/8', '0.0.0.0/0'] }] });
const tfVar = tfCluster(4, { api_server_access_profile: { authorized_ip_ranges: '${var.ranges}' } }, { ranges: ['0.0.0.0/0'] });
// A v3 plan mirrors the list under both spellings: one finding.
const planV3 = tfPlan(
  planClusterValues({ api_server_authorized_ip_ranges: ['0.0.0.0/0'], api_server_access_profile: [{ authorized_ip_ranges: ['0.0.0.0/0'], subnet_id: null }] }),
  { versionConstraint: '~> 3.100' },
);
const planNested = tfPlan(planClusterValues({ api_server_access_profile: [{ authorized_ip_ranges: ['0.0.0.0/0', '203.0.113.0/24'] }] }), { nested: true });

ruleTester(RULE, {
  valid: [
    { name: 'ARM: specific CIDRs', path: 'main.json', code: json(armRanges(['203.0.113.0/24', '198.51.100.7/32'])) },
    { name: 'ARM: 0.0.0.0/32 is the documented special value', path: 'main.json', code: json(armRanges(['0.0.0.0/32'])) },
    { name: 'ARM: private cluster', path: 'main.json', code: json(armRanges(['0.0.0.0/0'], { enablePrivateCluster: true })) },
    { name: 'ARM: private flag unknown (could be private)', path: 'main.json', code: json(armRanges(['0.0.0.0/0'], { enablePrivateCluster: "[parameters('private')]" })) },
    { name: 'ARM: private flag from a parameter default true', path: 'main.json', code: json(armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ['0.0.0.0/0'], enablePrivateCluster: "[parameters('private')]" } })], { parameters: { private: { type: 'bool', defaultValue: true } } })) },
    { name: 'Terraform: private from a var default', path: 'main.tf.json', code: json(tfCluster(4, { private_cluster_enabled: '${var.private}', api_server_access_profile: { authorized_ip_ranges: ['0.0.0.0/0'] } }, { private: true })) },
    { name: 'plan: private', path: 'plan.json', code: json(tfPlan(planClusterValues({ private_cluster_enabled: true, api_server_access_profile: [{ authorized_ip_ranges: ['0.0.0.0/0'] }] }))) },
    { name: 'ARM: element from a parameter without default is unknown', path: 'main.json', code: json(armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ["[parameters('x')]"] } })], { parameters: { x: { type: 'string' } } })) },
    { name: 'ARM: list from an unresolvable expression', path: 'main.json', code: json(armRanges("[split(parameters('csv'), ',')]")) },
    { name: 'ARM: parameter default is compliant', path: 'main.json', code: json(bicepParam(['203.0.113.0/24'])) },
    { name: 'Terraform v4: specific CIDRs', path: 'main.tf.json', code: json(tfCluster(4, { api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] } })) },
    { name: 'Terraform: interpolation in the list is unknown', path: 'main.tf.json', code: json(tfCluster(3, { api_server_authorized_ip_ranges: ['${local.open}'] })) },
    { name: 'plan: specific CIDRs', path: 'plan.json', code: json(tfPlan(planClusterValues({ api_server_access_profile: [{ authorized_ip_ranges: ['203.0.113.0/24'] }] }))) },
  ],
  invalid: [
    {
      name: 'ARM: the only entry is 0.0.0.0/0 (no suggestion: an empty list is open too)',
      path: 'main.json',
      code: json(armOnlyOpen),
      errors: [{ messageId: 'open', ...at(json(armOnlyOpen), '"0.0.0.0/0"'), severity: 'error', fixable: false }],
    },
    {
      name: 'ARM: 0.0.0.0/0 among other ranges',
      path: 'main.json',
      code: json(armMixed),
      errors: [{ messageId: 'open', ...at(json(armMixed), '"0.0.0.0/0"'), fixable: false }],
    },
    {
      name: 'Bicep-compiled: list from a parameter default (reported on the property)',
      path: 'main.json',
      code: json(bicepParam(['0.0.0.0/0', '10.0.0.0/8'])),
      errors: [{ messageId: 'open', ...at(json(bicepParam(['0.0.0.0/0', '10.0.0.0/8'])), `"[parameters('ranges')]"`) }],
    },
    {
      name: 'ARM: one element from a parameter default',
      path: 'main.json',
      code: json(elementParam('0.0.0.0/0')),
      errors: [{ messageId: 'open', ...at(json(elementParam('0.0.0.0/0')), `"[parameters('extra')]"`) }],
    },
    {
      name: 'ARM API 2019-06-01: legacy apiServerAuthorizedIPRanges',
      path: 'main.json',
      code: json(legacy),
      errors: [{ messageId: 'open', ...at(json(legacy), '"0.0.0.0/0"') }],
    },
    {
      name: 'languageVersion 2.0 nested deployment: value passed from the outer template',
      path: 'main.json',
      code: json(nestedLv2),
      errors: [{ messageId: 'open', ...at(json(nestedLv2), `"[parameters('ranges')]"`) }],
    },
    { name: 'Terraform v3: top-level api_server_authorized_ip_ranges', path: 'main.tf.json', code: json(tf3), errors: [{ messageId: 'open', ...at(json(tf3), '"0.0.0.0/0"') }] },
    { name: 'Terraform v4: block written as an array', path: 'main.tf.json', code: json(tf4), errors: [{ messageId: 'open', ...at(json(tf4), '"0.0.0.0/0"') }] },
    { name: 'Terraform: ${var.x} default list', path: 'main.tf.json', code: json(tfVar), errors: [{ messageId: 'open', ...at(json(tfVar), '"${var.ranges}"') }] },
    { name: 'plan v3: one finding for the mirrored lists', path: 'plan.json', code: json(planV3), errors: [{ messageId: 'open', ...at(json(planV3), '"0.0.0.0/0"') }] },
    { name: 'plan: child module two deep', path: 'plan.json', code: json(planNested), errors: [{ messageId: 'open', ...at(json(planNested), '"0.0.0.0/0"') }] },
  ],
});

describe(`rule ${RULE} suggestions`, () => {
  const applySuggestion = (path: string, code: string) => {
    const res = analyzeText(path, code);
    const f = res.findings.find((x) => x.ruleId === RULE);
    assert.ok(f, 'finding expected');
    assert.equal(f.fix, undefined, 'removing a range is a suggestion, not the preferred fix');
    if (!f.suggestions?.length) return undefined;
    assert.equal(f.suggestions.length, 1);
    return applyTextEdits(code, editsForFix(res.file, f.suggestions[0]));
  };
  it('removes 0.0.0.0/0 and keeps the other ranges', () => {
    assert.equal(applySuggestion('main.json', json(armMixed)), json(armRanges(['203.0.113.0/24'])));
  });
  it('removes the entry from the parameter default', () => {
    assert.equal(applySuggestion('main.json', json(bicepParam(['0.0.0.0/0', '10.0.0.0/8']))), json(bicepParam(['10.0.0.0/8'])));
  });
  it('removes an element written as a parameter reference', () => {
    const out = applySuggestion('main.json', json(elementParam('0.0.0.0/0')));
    assert.equal(out, json(armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ['10.1.0.0/16'] } })], { parameters: { extra: { type: 'string', defaultValue: '0.0.0.0/0' } } })));
  });
  it('removes it from a Terraform block written as an array', () => {
    assert.equal(applySuggestion('main.tf.json', json(tf4)), json(tfCluster(4, { api_server_access_profile: [{ authorized_ip_ranges: ['10.0.0.0/8'] }] })));
  });
  it('offers nothing when 0.0.0.0/0 is the only entry', () => {
    assert.equal(applySuggestion('main.json', json(armOnlyOpen)), undefined);
  });
  it('offers nothing in a plan', () => {
    assert.equal(applySuggestion('plan.json', json(planNested)), undefined);
  });
});
