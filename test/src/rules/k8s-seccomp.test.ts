import { lines, ruleTester } from '../helpers/ruleTester';

const cronjob = (...podSpec: string[]) => lines(
  'apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: cj', 'spec:', '  schedule: "0 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:', ...podSpec);

ruleTester('k8s-seccomp', {
  valid: [
    { name: 'pod-level RuntimeDefault', path: 'p.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: RuntimeDefault}}', '  containers: [{name: a, image: "a:1"}]') },
    { name: 'every container Localhost with a profile', path: 'p.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      seccompProfile: {type: Localhost, localhostProfile: profiles/a.json}') },
    { name: 'Windows pod', path: 'p.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  containers: [{name: a, image: "a:1"}]') },
    { name: 'legacy annotation honoured only for Kubernetes < 1.19', path: 'p.yaml', options: { kubernetesVersion: '1.18' }, code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}', 'spec:', '  containers: [{name: a, image: "a:1"}]') },
  ],
  invalid: [
    {
      name: 'CronJob: the fix goes to spec.jobTemplate.spec.template.spec.securityContext',
      path: 'cj.yaml',
      code: cronjob('          restartPolicy: OnFailure', '          containers:', '            - name: job', '              image: job:1'),
      errors: [{ messageId: 'missing', line: 10, column: 9, text: 'spec', severity: 'warning' }],
      output: cronjob('          restartPolicy: OnFailure', '          containers:', '            - name: job', '              image: job:1', '          securityContext:', '            seccompProfile:', '              type: RuntimeDefault'),
    },
    {
      name: 'container Unconfined overrides the pod: error, fix sets RuntimeDefault',
      path: 'p.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: RuntimeDefault}}', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      seccompProfile:', '        type: Unconfined'),
      errors: [{ messageId: 'unconfined', line: 11, column: 15, text: 'Unconfined', severity: 'error' }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: RuntimeDefault}}', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      seccompProfile:', '        type: RuntimeDefault'),
    },
    {
      name: 'legacy annotation does not count on Kubernetes 1.30; existing flow securityContext extended',
      path: 'p.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}', 'spec:', '  securityContext: {runAsNonRoot: true}', '  containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'missing', line: 7, column: 3, text: 'securityContext' }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}', 'spec:', '  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}', '  containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'Localhost without localhostProfile',
      path: 'p.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: Localhost}}', '  containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'localhostWithoutProfile', line: 5, column: 44, text: 'Localhost' }],
    },
  ],
});
