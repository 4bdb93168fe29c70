import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../server/out/engine';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'non-k8s');
const l = (...s: string[]) => s.join('\n') + '\n';

/** Every finding of every rule, parse errors included, as "ruleId line: message". */
function findings(path: string, text: string): string[] {
  const res = analyzeText(path, text, { allowedRegistries: ['contoso.azurecr.io'] });
  return res.findings.map((f) => `${f.ruleId} ${res.file.lines.position(f.start).line + 1}: ${f.message}`);
}

describe('Helm templates and YAML that is not Kubernetes: no findings, no parse-error noise', () => {
  const files = readdirSync(FIXTURES).sort();
  it('has realistic fixtures of each kind', () => {
    for (const f of ['github-workflow.yml', 'docker-compose.yml', 'values.yaml', 'Chart.yaml', 'helm-deployment.yaml', 'helm-parseable.yaml', 'helm-broken.yaml', '_helpers.tpl', 'kustomization.yaml']) {
      assert.ok(files.includes(f), `missing fixture ${f}`);
    }
  });
  for (const f of files) {
    it(f, () => {
      assert.deepEqual(findings(`charts/web/templates/${f}`, readFileSync(join(FIXTURES, f), 'utf8')), []);
    });
  }
  it('a Helm template without a file extension', () => {
    assert.deepEqual(findings('templates/deployment', readFileSync(join(FIXTURES, 'helm-deployment.yaml'), 'utf8')), []);
  });
});

describe('Go templates as data inside real manifests are still analysed', () => {
  it('a block scalar with {{ }} (alerting rules in a ConfigMap) does not hide the document or its neighbours', () => {
    const text = l(
      'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: alerts}', 'data:', '  rules.yaml: |', '    - alert: PodDown', '      annotations:', '        summary: "{{ $labels.pod }} is down"', '---',
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: contoso.azurecr.io/a:1', '    securityContext: {privileged: true}');
    const res = analyzeText('alerts.yaml', text);
    assert.deepEqual(res.file.documents.map((d) => d.kind), ['k8s', 'k8s']);
    assert.ok(res.findings.some((f) => f.ruleId === 'k8s-no-privileged'), 'the privileged Pod is still reported');
    assert.ok(!res.findings.some((f) => f.ruleId === 'parse-error'));
  });
  it('a templated document is skipped alone: the other documents of the file are analysed', () => {
    const text = l(
      'apiVersion: monitoring.coreos.com/v1', 'kind: PrometheusRule', 'metadata: {name: r}', 'spec:', '  groups: [{name: g, rules: [{alert: A, annotations: {summary: "{{ $labels.pod }}"}}]}]', '---',
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata: {name: ops}', 'rules: [{apiGroups: ["*"], resources: [pods], verbs: [get]}]');
    const res = analyzeText('mixed.yaml', text);
    assert.deepEqual(res.file.documents.map((d) => d.kind), ['unknown', 'k8s']);
    assert.deepEqual(res.findings.map((f) => f.ruleId), ['k8s-rbac-wildcard']);
  });
  it('{{ in a comment does not make a manifest a template', () => {
    const text = l('# rendered from {{ .Values }} once, now maintained by hand', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: "contoso.azurecr.io/a:1", securityContext: {privileged: true}}]');
    assert.ok(analyzeText('pod.yaml', text).findings.some((f) => f.ruleId === 'k8s-no-privileged'));
  });
});
