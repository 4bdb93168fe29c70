import { child, entries, items, keyOf, str } from '../documents';
import { K8sObject, Workload } from '../model';
import { defineRule, ProjectIndex } from './types';

/** Secret types that hold application credentials; the others are read by Kubernetes itself (see the doc page). */
const APPLICATION_SECRET_TYPES = new Set(['Opaque', 'kubernetes.io/basic-auth', 'kubernetes.io/ssh-auth']);

export default defineRule({
  id: 'k8s-secrets-via-csi',
  title: 'Secrets come from Key Vault through the Secrets Store CSI driver',
  description:
    'Kubernetes Secrets are only base64-encoded: a Secret written in a manifest puts the credential into source control, and secrets in environment variables leak into crash dumps, logs and child processes. CAF: keep secrets in Azure Key Vault and mount them with the Secrets Store CSI driver (azure provider).',
  recommendation:
    'Store the secret in Azure Key Vault, describe it in a SecretProviderClass (provider: azure, clientID of a workload identity) and mount it as a volume with driver secrets-store.csi.k8s.io. If the application needs an environment variable, sync it with secretObjects and reference that synced Secret.',
  caf: 'seed 6: Key Vault Secrets Store CSI driver',
  severity: 'info',
  formats: ['k8s'],
  fixable: false,
  messages: {
    secretKeyRef: 'Container {{container}} of {{workload}} reads Secret {{secret}} into environment variable {{variable}}: prefer a Key Vault secret mounted through the Secrets Store CSI driver.',
    secretRef: 'Container {{container}} of {{workload}} loads every key of Secret {{secret}} into its environment: prefer Key Vault secrets mounted through the Secrets Store CSI driver.',
    inlineSecret: 'Secret {{name}} keeps {{count}} value(s) in the manifest ({{field}}): store them in Azure Key Vault and mount them through the Secrets Store CSI driver.',
  },
  check: {
    workload(w, ctx) {
      const synced = syncedSecrets(w, ctx.project);
      if (synced === 'unknown') return;
      for (const c of w.containers) {
        for (const ref of w.secretEnvRefs(c)) {
          if (ref.secret && synced.has(ref.secret)) continue;
          const data = { container: c.name, workload: w.label, secret: ref.secret ?? '(unnamed)', variable: ref.variable ?? '(unnamed)' };
          ctx.report({ resource: w, node: ref.node, messageId: ref.source, data });
        }
      }
    },
    k8sObject(o, ctx) {
      if (o.kind !== 'Secret' || o.apiGroup !== '') return;
      const type = o.get(['type']);
      if (type.state === 'known' && !(typeof type.value === 'string' && APPLICATION_SECRET_TYPES.has(type.value))) return;
      for (const field of ['data', 'stringData']) {
        const value = child(o.node, field);
        const count = entries(value).length;
        if (!count) continue;
        ctx.report({ resource: o, node: keyOf(value), messageId: 'inlineSecret', data: { name: o.name || '(unnamed)', count, field } });
        return;
      }
    },
  },
});

/**
 * Secrets a pod's Secrets Store CSI volumes sync (`SecretProviderClass.spec.secretObjects[].secretName`):
 * reading those from the environment is the CSI driver's documented pattern. 'unknown' when a CSI volume's
 * SecretProviderClass is not among the scanned files (it may sync anything).
 */
function syncedSecrets(w: Workload, project: ProjectIndex): Set<string> | 'unknown' {
  const names = new Set<string>();
  for (const v of w.secretStoreVolumes()) {
    const spc = v.secretProviderClass && providerClasses(project).get(`${w.namespace || 'default'}/${v.secretProviderClass}`);
    if (!spc) return 'unknown';
    for (const so of items(spc.get(['spec', 'secretObjects']).origin)) {
      const n = str(child(so, 'secretName'));
      if (n) names.add(n);
    }
  }
  return names;
}

const cache = new WeakMap<ProjectIndex['models'], { size: number; classes: Map<string, K8sObject> }>();
function providerClasses(project: ProjectIndex): Map<string, K8sObject> {
  const hit = cache.get(project.models);
  if (hit && hit.size === project.models.length) return hit.classes;
  const m = new Map<string, K8sObject>();
  for (const model of project.models) {
    for (const o of model.k8s) {
      if (o.kind === 'SecretProviderClass' && o.apiGroup === 'secrets-store.csi.x-k8s.io' && o.name) m.set(`${o.namespace || 'default'}/${o.name}`, o);
    }
  }
  cache.set(project.models, { size: project.models.length, classes: m });
  return m;
}
