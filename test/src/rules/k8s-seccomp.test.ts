import { lines, ruleTester } from '../helpers/ruleTester';

const cronjob = (...podSpec: string[]) => lines(
  'apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: cj', 'spec:', '  schedule: "0 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:', ...podSpec);

ruleTester('k8s-seccomp', {
  valid: [
    { name: 'pod-level RuntimeDefault', path: 'p.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: RuntimeDefault}}', '  containers: [{name: a, image: "a:1"}]') },
    { name: 'every container Localhost with a profile', path: 'p.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      seccompProfile: {type: Localhost, localhostProfile: profiles/a.json}') },
    { name: 'Windows pod', path: 'p.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  containers: [{name: a, image: "a:1"}]') },
    { name: 'a container annotation is honoured for Kubernetes < 1.19', path: 'p.yaml', options: { kubernetesVersion: '1.18' }, code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {container.seccomp.security.alpha.kubernetes.io/a: localhost/profiles/a.json}', 'spec:', '  containers: [{name: a, image: "a:1"}]') },
    { name: 'Windows pod, Kubernetes 1.25', path: 'p.yaml', options: { kubernetesVersion: '1.25' }, code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  containers: [{name: a, image: "a:1"}]') },
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
      name: 'legacy annotation does not count on Kubernetes 1.30 (removed in 1.27); existing flow securityContext extended',
      path: 'p.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}', 'spec:', '  securityContext: {runAsNonRoot: true}', '  containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'annotationOnly', line: 7, column: 3, text: 'securityContext', severity: 'warning', fixable: true }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}', 'spec:', '  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}', '  containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'Kubernetes 1.18: the field does not exist yet; the fix writes the pod annotation into the pod template metadata',
      path: 'deploy.yaml',
      options: { kubernetesVersion: '1.18' },
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    metadata:', '      labels: {app: d}', '    spec:', '      containers:', '      - name: a', '        image: a:1'),
      errors: [{ messageId: 'missing', line: 8, column: 5, text: 'spec' }],
      output: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    metadata:', '      labels: {app: d}', '      annotations:', '        seccomp.security.alpha.kubernetes.io/pod: runtime/default', '    spec:', '      containers:', '      - name: a', '        image: a:1'),
    },
    {
      name: 'unconfined annotation is an error at every version (1.18 and 1.30)',
      path: 'p.yaml',
      options: { kubernetesVersion: '1.18' },
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', '    container.seccomp.security.alpha.kubernetes.io/a: unconfined', 'spec:', '  containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'unconfinedAnnotation', line: 6, column: 55, text: 'unconfined', severity: 'error', fixable: true }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', '    container.seccomp.security.alpha.kubernetes.io/a: runtime/default', 'spec:', '  containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'unconfined annotation on Kubernetes 1.30: error, beside the missing field',
      path: 'p.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: unconfined', 'spec:', '  containers: [{name: a, image: "a:1"}]'),
      errors: [
        { messageId: 'unconfinedAnnotation', line: 6, column: 47, text: 'unconfined', severity: 'error', fixable: true },
        { messageId: 'annotationOnly', line: 7, column: 1, text: 'spec', severity: 'warning', fixable: true },
      ],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: runtime/default', 'spec:', '  containers: [{name: a, image: "a:1"}]', '  securityContext:', '    seccompProfile:', '      type: RuntimeDefault'),
    },
    {
      name: 'Windows pods are checked before Kubernetes 1.25 (the PSS exemption starts there); sidecar and ephemeral containers count',
      path: 'p.yaml',
      options: { kubernetesVersion: '1.24' },
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  initContainers: [{name: proxy, image: "p:1", restartPolicy: Always}]', '  containers: [{name: a, image: "a:1", securityContext: {seccompProfile: {type: RuntimeDefault}}}]', '  ephemeralContainers: [{name: dbg, image: "d:1"}]'),
      errors: [{ messageId: 'missing', line: 4, column: 1, text: 'spec' }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  initContainers: [{name: proxy, image: "p:1", restartPolicy: Always}]', '  containers: [{name: a, image: "a:1", securityContext: {seccompProfile: {type: RuntimeDefault}}}]', '  ephemeralContainers: [{name: dbg, image: "d:1"}]', '  securityContext:', '    seccompProfile:', '      type: RuntimeDefault'),
    },
    {
      name: 'Localhost without localhostProfile',
      path: 'p.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: Localhost}}', '  containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'localhostWithoutProfile', line: 5, column: 44, text: 'Localhost' }],
    },
  ],
});
