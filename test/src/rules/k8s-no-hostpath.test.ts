import { lines, ruleTester } from '../helpers/ruleTester';

ruleTester('k8s-no-hostpath', {
  valid: [
    {
      name: 'emptyDir, configMap, PVC and CSI volumes',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: "a:1"}]', '  volumes:', '  - {name: tmp, emptyDir: {}}', '  - name: cfg', '    configMap: {name: c}', '  - {name: data, persistentVolumeClaim: {claimName: d}}', '  - {name: kv, csi: {driver: secrets-store.csi.k8s.io}}'),
    },
    { name: 'a PersistentVolume with hostPath is not a workload', path: 'pv.yaml', code: lines('apiVersion: v1', 'kind: PersistentVolume', 'metadata: {name: pv}', 'spec:', '  hostPath: {path: /data}') },
  ],
  invalid: [
    {
      name: 'DaemonSet with several host paths: volume and path named, no fix',
      path: 'ds.yaml',
      code: lines('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: agent}', 'spec:', '  template:', '    spec:', '      containers: [{name: a, image: "a:1"}]', '      volumes:',
        '        - name: docker', '          hostPath:', '            path: /var/run/docker.sock', '            type: Socket', '        - {name: logs, hostPath: {path: /var/log}}', '        - {name: tmp, emptyDir: {}}'),
      errors: [
        { messageId: 'hostPath', line: 10, column: 11, text: 'hostPath', severity: 'warning', fixable: false },
        { messageId: 'hostPath', line: 13, column: 24, text: 'hostPath', fixable: false },
      ],
    },
    {
      name: 'CronJob, PodTemplate and a List item in one multi-document file',
      path: 'multi.yaml',
      code: lines(
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: "a:1"}], volumes: [{name: root, hostPath: {path: /}}]}}}}}', '---',
        'apiVersion: v1', 'kind: PodTemplate', 'metadata: {name: pt}', 'template:', '  spec:', '    containers: [{name: a, image: "a:1"}]', '    volumes:', '    - name: etc', '      hostPath: {path: /etc}', '---',
        'apiVersion: v1', 'kind: List', 'items:', '- apiVersion: apps/v1', '  kind: StatefulSet', '  metadata: {name: s}', '  spec:', '    template:', '      spec:', '        containers: [{name: a, image: "a:1"}]', '        volumes: [{name: dev, hostPath: {path: /dev}}]'),
      errors: [
        { messageId: 'hostPath', line: 4, column: 129, text: 'hostPath' },
        { messageId: 'hostPath', line: 14, column: 7, text: 'hostPath' },
        { messageId: 'hostPath', line: 26, column: 31, text: 'hostPath' },
      ],
    },
    {
      name: 'JSON Pod',
      path: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a:1"}], "volumes": [{"name": "h", "hostPath": {"path": "/var/lib/kubelet"}}]}}\n',
      errors: [{ messageId: 'hostPath', line: 1, column: 146, text: '"hostPath"' }],
    },
  ],
});
