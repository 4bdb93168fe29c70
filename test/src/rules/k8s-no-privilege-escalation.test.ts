import { lines, ruleTester } from '../helpers/ruleTester';

const pod = (...containerLines: string[]) => lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', ...containerLines);

ruleTester('k8s-no-privilege-escalation', {
  valid: [
    { name: 'explicit false', path: 'p.yaml', code: pod('    - name: a', '      image: a:1', '      securityContext:', '        allowPrivilegeEscalation: false') },
    { name: 'Windows pods are exempt (Kubernetes 1.25 and later)', path: 'p.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: w}', 'spec:', '  os: {name: windows}', '  containers: [{name: a, image: "a:1"}]') },
  ],
  invalid: [
    {
      name: 'Windows pods are checked before Kubernetes 1.25 (PSS exempt them from 1.25)',
      path: 'p.yaml',
      options: { kubernetesVersion: '1.24' },
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: w}', 'spec:', '  os: {name: windows}', '  containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'missing', line: 6, column: 23, text: 'a' }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: w}', 'spec:', '  os: {name: windows}', '  containers: [{name: a, image: "a:1", securityContext: {allowPrivilegeEscalation: false}}]'),
    },
    {
      name: 'no securityContext: created in the container',
      path: 'p.yaml',
      code: pod('    - name: a', '      image: a:1 # keep'),
      errors: [{ messageId: 'missing', line: 7, column: 13, text: 'a' }],
      output: pod('    - name: a', '      image: a:1 # keep', '      securityContext:', '        allowPrivilegeEscalation: false'),
    },
    {
      name: 'explicit true',
      path: 'p.yaml',
      code: pod('    - name: a', '      image: a:1', '      securityContext:', '        allowPrivilegeEscalation: true'),
      errors: [{ messageId: 'allowed', line: 10, column: 35, text: 'true' }],
      output: pod('    - name: a', '      image: a:1', '      securityContext:', '        allowPrivilegeEscalation: false'),
    },
    {
      name: 'sidecar init container and ephemeral container, flow style',
      path: 'p.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  initContainers: [{name: side, image: "s:1", restartPolicy: Always, securityContext: {runAsNonRoot: true}}]', '  containers: [{name: a, image: "a:1", securityContext: {allowPrivilegeEscalation: false}}]'),
      errors: [{ messageId: 'missing', line: 5, column: 70, text: 'securityContext' }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  initContainers: [{name: side, image: "s:1", restartPolicy: Always, securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}}]', '  containers: [{name: a, image: "a:1", securityContext: {allowPrivilegeEscalation: false}}]'),
    },
  ],
});
