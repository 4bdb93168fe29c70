import { lines, ruleTester } from '../helpers/ruleTester';

ruleTester('k8s-rbac-wildcard', {
  valid: [
    {
      name: 'explicit verbs, resources and groups',
      path: 'role.yaml',
      code: lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: r, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: [pods, pods/log]', '  verbs: [get, list, watch]'),
    },
    {
      name: 'subresource wildcard pods/* is not a full wildcard',
      path: 'role.yaml',
      code: lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata: {name: r}', 'rules:', '- apiGroups: [""]', '  resources: ["pods/*"]', '  verbs: [get]'),
    },
    {
      name: 'aggregated ClusterRole: the control plane overwrites its rules',
      path: 'role.yaml',
      code: lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata: {name: agg}', 'aggregationRule:', '  clusterRoleSelectors:', '  - matchLabels: {rbac.example.com/aggregate: "true"}', 'rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]'),
    },
    {
      name: 'not an RBAC object',
      path: 'cm.yaml',
      code: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  verbs: "*"'),
    },
  ],
  invalid: [
    {
      name: 'ClusterRole: every wildcard item, block style',
      path: 'clusterrole.yaml',
      code: lines(
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: ops', 'rules:',
        '  - apiGroups:', '      - "*"', '    resources:', '      - "*"', '    verbs:', '      - get', '      - "*"'),
      errors: [
        { messageId: 'wildcard', line: 7, column: 9, text: '"*"', severity: 'warning', fixable: false },
        { messageId: 'wildcard', line: 9, column: 9, text: '"*"' },
        { messageId: 'wildcard', line: 12, column: 9, text: '"*"' },
      ],
    },
    {
      name: 'Role in a List, flow style, second rule',
      path: 'list.yaml',
      code: lines(
        'apiVersion: v1', 'kind: List', 'items:',
        '- apiVersion: rbac.authorization.k8s.io/v1', '  kind: Role', '  metadata: {name: r, namespace: app}', '  rules:',
        '  - {apiGroups: [""], resources: [pods], verbs: [get]}', "  - {apiGroups: [apps], resources: ['*'], verbs: [list]}"),
      errors: [{ messageId: 'wildcard', line: 9, column: 37, text: "'*'" }],
    },
    {
      name: 'JSON manifest',
      path: 'role.json',
      code: '{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r"}, "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["*"]}]}\n',
      errors: [{ messageId: 'wildcard', line: 1, column: 157, text: '"*"' }],
    },
  ],
});
