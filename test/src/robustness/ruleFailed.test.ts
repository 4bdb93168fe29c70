import * as assert from 'node:assert/strict';
import { analyzeFile, defineRule, parseFile, RULE_FAILED, RULES, RULES_BY_ID } from '../../../server/out/engine';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    securityContext:\n      privileged: true\n';

describe('a rule that throws', () => {
  const throwing = defineRule({
    id: 'test-throwing-rule',
    title: 'Throws (test only)',
    description: 'Throws on every workload.',
    recommendation: 'None.',
    severity: 'warning',
    formats: ['k8s'],
    fixable: false,
    messages: { never: 'never' },
    check: {
      workload() {
        throw new Error('boom');
      },
    },
  } as never);

  it('produces one rule-failed finding with the rule id, and the other rules still report', () => {
    const file = parseFile('pod.yaml', POD);
    const res = analyzeFile(file, {}, undefined, [throwing, ...RULES]);
    const failed = res.findings.filter((f) => f.ruleId === RULE_FAILED);
    assert.equal(failed.length, 1);
    assert.match(failed[0].message, /test-throwing-rule/);
    assert.match(failed[0].message, /boom/);
    assert.ok(RULES_BY_ID.get('k8s-no-privileged'));
    assert.ok(res.findings.some((f) => f.ruleId === 'k8s-no-privileged'), 'the other rules still report');
  });
});
