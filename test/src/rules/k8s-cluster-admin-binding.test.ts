import { lines, ruleTester } from '../helpers/ruleTester';

const binding = (kind: string, roleRef: string, ...subjects: string[]) =>
  lines('apiVersion: rbac.authorization.k8s.io/v1', `kind: ${kind}`, 'metadata: {name: b}', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', ...roleRef.split('\n'), 'subjects:', ...subjects);

ruleTester('k8s-cluster-admin-binding', {
  valid: [
    { name: 'system:masters only', path: 'crb.yaml', code: binding('ClusterRoleBinding', '  kind: ClusterRole\n  name: cluster-admin', '- kind: Group', '  apiGroup: rbac.authorization.k8s.io', '  name: system:masters') },
    { name: 'a narrower role', path: 'rb.yaml', code: binding('RoleBinding', '  kind: ClusterRole\n  name: admin', '- kind: Group', '  name: 5e3f0a52-aaaa-bbbb-cccc-000000000000') },
    { name: 'a namespaced Role that happens to be called cluster-admin', path: 'rb.yaml', code: binding('RoleBinding', '  kind: Role\n  name: cluster-admin', '- kind: User', '  name: alice') },
    { name: 'no subjects: grants nothing', path: 'crb.yaml', code: lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata: {name: b}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}') },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding to a user',
      path: 'crb.yaml',
      code: binding('ClusterRoleBinding', '  kind: ClusterRole\n  name: cluster-admin', '- kind: User', '  apiGroup: rbac.authorization.k8s.io', '  name: alice@contoso.com'),
      errors: [{ messageId: 'clusterAdmin', line: 7, column: 9, text: 'cluster-admin', severity: 'warning', fixable: false }],
    },
    {
      name: 'RoleBinding: a system group does not excuse a ServiceAccount; second document',
      path: 'multi.yaml',
      code: lines(
        'apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: deployer, namespace: ci}', '---',
        'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: b, namespace: ci}',
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "cluster-admin"}',
        'subjects:', '- {kind: Group, name: "system:serviceaccounts:ci"}', '- {kind: ServiceAccount, name: deployer, namespace: ci}'),
      errors: [{ messageId: 'clusterAdmin', line: 8, column: 73, text: '"cluster-admin"' }],
    },
    {
      name: 'JSON manifest, group that is not a system group',
      path: 'crb.json',
      code: '{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"}, "subjects": [{"kind": "Group", "name": "aks-admins"}]}\n',
      errors: [{ messageId: 'clusterAdmin', line: 1, column: 189, text: '"cluster-admin"' }],
    },
  ],
});
