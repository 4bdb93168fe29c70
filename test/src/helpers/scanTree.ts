import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A deterministic repository tree for CLI scans (the `--jobs` test and `npm run bench`): `teams` team folders, each
 * with application manifests (multi-document YAML, every workload kind), its ServiceAccounts and RBAC bindings in a
 * file of their own, a SecretProviderClass, and infrastructure templates (ARM with a cluster, a registry with or
 * without a private endpoint in another file, a maintenance configuration; Terraform JSON with a Defender pricing).
 * Cross-file rules have something to find across files and folders. 20 files per team; 100 teams = 2,000 files,
 * ≈ 20 MB with 12 workloads per application file (≈ 3 MB with 1).
 */
export function writeScanTree(root: string, teams = 100, workloadsPerFile = 12): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const write = (rel: string, text: string) => {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  const r = rng(2024);
  for (let t = 0; t < teams; t++) {
    const team = `team-${String(t).padStart(3, '0')}`;
    const ns = `ns-${t}`;
    for (let a = 0; a < 16; a++) {
      const docs: string[] = [];
      for (let k = 0; k < workloadsPerFile; k++) docs.push(workload(t * 1000 + a * 10 + k, ns, r));
      write(`${team}/apps/app-${String(a).padStart(2, '0')}.yaml`, docs.join('\n---\n') + '\n');
    }
    write(`${team}/rbac/service-accounts.yaml`, serviceAccounts(t, ns, r));
    write(`${team}/rbac/secret-provider.yaml`, secretProviderClass(t, ns));
    write(`${team}/infra/main.json`, armTemplate(t, r));
    write(`${team}/infra/${t % 2 ? 'private-endpoint.json' : 'defender.tf.json'}`, t % 2 ? privateEndpointTemplate(t) : defenderTfJson(t, r));
  }
  return { files, bytes };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function workload(i: number, ns: string, r: () => number): string {
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'];
  const kind = kinds[i % kinds.length];
  const container = [
    `  - name: app-${i}`,
    `    image: registry${i % 7}.azurecr.io/team/app-${i}:1.${i % 13}.0`,
    `    ports:`,
    `    - containerPort: ${8000 + (i % 100)}`,
    `    resources:`,
    `      requests: { cpu: ${100 + (i % 5) * 50}m, memory: ${128 * (1 + (i % 4))}Mi }`,
    `      limits: { cpu: "1", memory: 1Gi }`,
    `    env:`,
    ...[0, 1, 2].flatMap((k) => [`    - name: VAR_${k}`, `      value: "value-${i}-${k}"`]),
    ...(r() < 0.3 ? [`    - name: DB_PASSWORD`, `      valueFrom:`, `        secretKeyRef: { name: db-${i % 5}, key: password }`] : []),
    `    securityContext:`,
    `      privileged: ${r() < 0.3}`,
    `      allowPrivilegeEscalation: ${r() < 0.5}`,
    `      readOnlyRootFilesystem: true`,
    `      runAsNonRoot: true`,
  ];
  const podSpec = (ind: string) => [
    `${ind}metadata:`,
    `${ind}  labels: { app: app-${i}, tier: t${i % 3}${r() < 0.3 ? ', azure.workload.identity/use: "true"' : ''} }`,
    `${ind}spec:`,
    `${ind}  serviceAccountName: sa-${i % 6}`,
    ...(r() < 0.2 ? [`${ind}  automountServiceAccountToken: false`] : []),
    `${ind}  securityContext:`,
    `${ind}    seccompProfile: { type: ${r() < 0.5 ? 'RuntimeDefault' : 'Unconfined'} }`,
    `${ind}  containers:`,
    ...container.map((l) => ind + l),
  ];
  const head = [`apiVersion: ${kind === 'Pod' ? 'v1' : kind.endsWith('Job') ? 'batch/v1' : 'apps/v1'}`, `kind: ${kind}`, `metadata:`, `  name: app-${i}`, `  namespace: ${ns}`, `  labels:`, `    app: app-${i}`];
  if (kind === 'Pod') return [...head, ...podSpec('').slice(2)].join('\n');
  if (kind === 'CronJob') return [...head, `spec:`, `  schedule: "*/5 * * * *"`, `  jobTemplate:`, `    spec:`, `      template:`, ...podSpec('        ')].join('\n');
  return [...head, `spec:`, ...(kind === 'Job' ? [] : [`  replicas: ${1 + (i % 3)}`, `  selector:`, `    matchLabels: { app: app-${i} }`]), `  template:`, ...podSpec('    ')].join('\n');
}

function serviceAccounts(t: number, ns: string, r: () => number): string {
  const docs: string[] = [];
  for (let k = 0; k < 6; k++) {
    const wi = r() < 0.5;
    docs.push([`apiVersion: v1`, `kind: ServiceAccount`, `metadata:`, `  name: sa-${k}`, `  namespace: ${ns}`, ...(wi ? [`  annotations:`, `    azure.workload.identity/client-id: 00000000-0000-0000-0000-${String(t * 10 + k).padStart(12, '0')}`] : []), ...(r() < 0.3 ? [`automountServiceAccountToken: false`] : [])].join('\n'));
  }
  for (let k = 0; k < 2; k++) {
    docs.push([`apiVersion: rbac.authorization.k8s.io/v1`, `kind: RoleBinding`, `metadata:`, `  name: rb-${k}`, `  namespace: ${ns}`, `roleRef:`, `  apiGroup: rbac.authorization.k8s.io`, `  kind: Role`, `  name: reader`, `subjects:`, `- kind: ServiceAccount`, `  name: sa-${k * 3}`, `  namespace: ${ns}`].join('\n'));
  }
  return docs.join('\n---\n') + '\n';
}

function secretProviderClass(t: number, ns: string): string {
  return [`apiVersion: secrets-store.csi.x-k8s.io/v1`, `kind: SecretProviderClass`, `metadata:`, `  name: kv-${t}`, `  namespace: ${ns}`, `spec:`, `  provider: azure`, `  secretObjects:`, `  - secretName: db-${t % 5}`, `    type: Opaque`, `    data:`, `    - objectName: password`, `      key: password`, `  parameters:`, `    clientID: 00000000-0000-0000-0000-000000000001`, `    keyvaultName: kv-${t}`, `    tenantId: 00000000-0000-0000-0000-000000000002`, ''].join('\n');
}

function armTemplate(t: number, r: () => number): string {
  const resources: unknown[] = [
    { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-02-01', name: `[concat(parameters('prefix'), '-aks-${t}')]`, location: "[parameters('location')]", identity: { type: 'SystemAssigned' }, properties: { dnsPrefix: `aks${t}`, autoUpgradeProfile: { upgradeChannel: 'stable', nodeOSUpgradeChannel: 'NodeImage' }, disableLocalAccounts: r() < 0.5, enableRBAC: true, apiServerAccessProfile: { authorizedIPRanges: r() < 0.5 ? [] : ['10.0.0.0/8'] }, agentPoolProfiles: [{ name: 'system', count: 3, vmSize: 'Standard_D4s_v5', mode: 'System', osType: 'Linux' }], networkProfile: { networkPlugin: 'azure', networkPolicy: 'calico' } } },
    { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: `acr${t}`, location: "[parameters('location')]", sku: { name: r() < 0.7 ? 'Premium' : 'Standard' }, properties: { adminUserEnabled: r() < 0.5, publicNetworkAccess: 'Disabled' } },
  ];
  if (t % 3 === 0) resources.push({ type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations', apiVersion: '2024-02-01', name: `[concat(parameters('prefix'), '-aks-${t}/aksManagedAutoUpgradeSchedule')]`, properties: { maintenanceWindow: { schedule: { weekly: { dayOfWeek: 'Sunday', intervalWeeks: 1 } }, durationHours: 4, startTime: '00:00' } } });
  for (let i = 0; i < 30; i++) {
    resources.push(i % 2
      ? { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: `vnet-${t}-${i}`, location: "[parameters('location')]", properties: { addressSpace: { addressPrefixes: [`10.${i}.0.0/16`] }, subnets: [{ name: 'snet', properties: { addressPrefix: `10.${i}.1.0/24` } }] } }
      : { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: `st${t}x${i}`, location: "[parameters('location')]", kind: 'StorageV2', sku: { name: 'Standard_LRS' }, properties: { minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false } });
  }
  return JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: { prefix: { type: 'string', defaultValue: `team${t}` }, location: { type: 'string', defaultValue: 'westeurope' } }, resources }, null, 2) + '\n';
}

/** A private endpoint for the previous team's registry, in a template of its own. */
function privateEndpointTemplate(t: number): string {
  const target = t - 1;
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{
      type: 'Microsoft.Network/privateEndpoints', apiVersion: '2023-09-01', name: `pe-acr${target}`, location: 'westeurope',
      properties: { subnet: { id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-${t}-1/subnets/snet` }, privateLinkServiceConnections: [{ name: 'acr', properties: { privateLinkServiceId: `[resourceId('Microsoft.ContainerRegistry/registries', 'acr${target}')]`, groupIds: [t % 4 === 1 ? 'registry' : 'blob'] } }] },
    }],
  }, null, 2) + '\n';
}

function defenderTfJson(t: number, r: () => number): string {
  return JSON.stringify({ resource: { azurerm_security_center_subscription_pricing: { [`containers_${t}`]: { tier: r() < 0.5 ? 'Standard' : 'Free', resource_type: 'Containers' } } } }, null, 2) + '\n';
}
