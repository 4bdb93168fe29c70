import { lines, ruleTester } from '../helpers/ruleTester';

const pod = (image: string) => lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', `    image: ${image}`);
const acr = { allowedRegistries: ['*.azurecr.io', 'mcr.microsoft.com'] };

ruleTester('k8s-allowed-registry', {
  valid: [
    { name: 'no allowed list configured: no finding', path: 'pod.yaml', code: pod('nginx:1.27') },
    { name: 'ACR wildcard', path: 'pod.yaml', code: pod('contoso.azurecr.io/web:1.4.2'), options: acr },
    { name: 'exact registry', path: 'pod.yaml', code: pod('mcr.microsoft.com/dotnet/aspnet:8.0'), options: acr },
    { name: 'registry host is case-insensitive', path: 'pod.yaml', code: pod('Contoso.AzureCR.io/web:1'), options: acr },
    { name: 'digest-pinned image', path: 'pod.yaml', code: pod('contoso.azurecr.io/web@sha256:4c2b7f5e0b8d2f6f0f0e5a0b3c5d7e9f1a2b3c4d5e6f708192a3b4c5d6e7f809'), options: acr },
    { name: 'repository path pattern', path: 'pod.yaml', code: pod('contoso.azurecr.io/team/web:1'), options: { allowedRegistries: ['contoso.azurecr.io/team/*'] } },
    { name: 'Docker Hub official image allowed as docker.io/library/*', path: 'pod.yaml', code: pod('nginx:1.27'), options: { allowedRegistries: ['docker.io/library/*'] } },
    { name: 'rule option "registries"', path: 'pod.yaml', code: pod('registry.contoso.com:5000/web:1'), options: { rules: { 'k8s-allowed-registry': { options: { registries: ['registry.contoso.com:*'] } } } } },
    { name: 'placeholder image: unknown', path: 'pod.yaml', code: pod('<your-acr>.azurecr.io/web:1'), options: { allowedRegistries: ['mcr.microsoft.com'] } },
  ],
  invalid: [
    {
      name: 'Docker Hub short name is docker.io',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: nginx:1.27'),
      options: acr,
      errors: [{ messageId: 'notAllowed', line: 10, column: 18, text: 'nginx:1.27', severity: 'warning', fixable: false }],
    },
    {
      name: 'an allowed host in the path is not the registry',
      path: 'pod.yaml',
      code: pod('evil.example.com/contoso.azurecr.io/web:1'),
      options: acr,
      errors: [{ messageId: 'notAllowed', line: 7, column: 12, text: 'evil.example.com/contoso.azurecr.io/web:1' }],
    },
    {
      name: '* stays within one DNS label',
      path: 'pod.yaml',
      code: pod('contoso.azurecr.io.evil.example.com/web:1'),
      options: acr,
      errors: [{ messageId: 'notAllowed', line: 7, column: 12 }],
    },
    {
      name: 'repository outside the allowed path; rule option merged with the setting',
      path: 'multi.yaml',
      code: lines(
        'apiVersion: v1', 'kind: Service', 'metadata: {name: s}', '---',
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:',
        '          initContainers: [{name: init, image: "contoso.azurecr.io/other/init:1"}]', '          containers: [{name: c, image: "contoso.azurecr.io/team/c:1"}, {name: d, image: "ghcr.io/org/d:2"}]'),
      options: { allowedRegistries: ['contoso.azurecr.io/team/*'], rules: { 'k8s-allowed-registry': { options: { registries: ['quay.io'] } } } },
      errors: [
        { messageId: 'notAllowed', line: 13, column: 48, text: '"contoso.azurecr.io/other/init:1"' },
        { messageId: 'notAllowed', line: 14, column: 90, text: '"ghcr.io/org/d:2"' },
      ],
    },
    {
      name: 'List item, JSON manifest',
      path: 'list.json',
      code: '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "rs"}, "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "quay.io/org/a:1"}]}}}}]}\n',
      options: acr,
      errors: [{ messageId: 'notAllowed', line: 1, column: 193, text: '"quay.io/org/a:1"' }],
    },
  ],
});
