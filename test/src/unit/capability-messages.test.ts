import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../server/out/engine';
import { PSS_BASELINE_CAPABILITIES, RUNTIME_DEFAULT_CAPABILITIES } from '../../../server/out/engine/model';

// Issue 16 point 4: every capability message of k8s-drop-all-capabilities is checked against both lists it may name.
// The lists as their sources state them (copied here on purpose: the model's lists must not drift from them).
/** containerd oci/spec.go defaultUnixCaps() and moby oci/caps/defaults.go DefaultCapabilities (the same 14). */
const CONTAINERD_DOCKER_DEFAULT = ['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];
/** kubernetes.io Pod Security Standards, Baseline, Capabilities: allowed values of capabilities.add. */
const PSS_BASELINE = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const OTHERS = ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'BPF', 'PERFMON', 'DAC_READ_SEARCH', 'ALL'];

function messageFor(cap: string) {
  const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', `  - {name: a, image: "a:1", securityContext: {capabilities: {drop: [ALL], add: [${cap}]}}}`, ''].join('\n');
  const found = analyzeText('pod.yaml', text).findings.filter((f) => f.ruleId === 'k8s-drop-all-capabilities');
  assert.ok(found.length <= 1, `${cap}: at most one finding`);
  return found[0];
}

describe('k8s-drop-all-capabilities messages against the containerd/Docker default set and the PSS baseline list', () => {
  it('the model lists are the sources\' lists', () => {
    assert.deepEqual([...RUNTIME_DEFAULT_CAPABILITIES].sort(), [...CONTAINERD_DOCKER_DEFAULT].sort());
    assert.deepEqual([...PSS_BASELINE_CAPABILITIES].sort(), [...PSS_BASELINE].sort());
  });

  for (const cap of [...new Set([...CONTAINERD_DOCKER_DEFAULT, ...PSS_BASELINE, ...OTHERS])].sort()) {
    it(`${cap}: what the message claims about each list is true`, () => {
      const inRuntime = CONTAINERD_DOCKER_DEFAULT.includes(cap);
      const inBaseline = PSS_BASELINE.includes(cap);
      const f = messageFor(cap);
      if (cap === 'NET_BIND_SERVICE') return assert.equal(f, undefined, 'restricted allows adding NET_BIND_SERVICE');
      assert.ok(f, `${cap} is reported`);
      const m = f.message;
      // Every claim a message can make, and the list fact it needs.
      if (/outside the containerd\/Docker default set/.test(m)) assert.ok(!inRuntime, `${cap} is in the runtime default set: ${m}`);
      if (/containerd and Docker grant it by default/.test(m)) assert.ok(inRuntime, `${cap} is not a runtime default: ${m}`);
      if (/outside the Pod Security Standards baseline list/.test(m)) assert.ok(!inBaseline, `${cap} is in the baseline list: ${m}`);
      if (/restricted allow adding back only NET_BIND_SERVICE/.test(m)) assert.ok(inBaseline, `a capability outside baseline is a baseline matter: ${m}`);
      assert.match(m, /outside the containerd\/Docker default set|containerd and Docker grant it by default|restricted allow adding back only/);
      // Baseline violations are errors, restricted-only ones warnings.
      assert.equal(f.severity, inBaseline ? 'warning' : 'error', m);
    });
  }

  it('NET_RAW (and CAP_NET_RAW, net_raw) is named a runtime default outside baseline', () => {
    for (const spelling of ['NET_RAW', 'CAP_NET_RAW', 'net_raw']) assert.equal(messageFor(spelling)?.messageId, 'addOutsideBaseline', spelling);
  });
});
