import { DocumentModel } from './model';
import { maintenanceConfigurations } from './model/maintenance';

/**
 * What a file's analysis needs from the other files of a scan. Cross-file rules look up a few kinds of resources in
 * every document of the project index (`ctx.project.models`): a registry's private endpoint, a Defender pricing, a
 * cluster's maintenance configurations, a workload's ServiceAccount, the bindings that grant it permissions, the
 * SecretProviderClass a volume mounts. A document holding none of those changes no other file's findings. So a CLI
 * worker analyses its share of files against its own documents plus every document that holds one of them (in scan
 * order): the same findings as against every document, without parsing every file in every worker (cliWorkers.ts).
 *
 * A rule that starts reading something else through ctx.project must extend `sharedWithProject` (the meta-test
 * `project-scope.test` fails until its id is listed here, and compares both indexes over the corpus).
 */
export const CROSS_FILE_RULES: readonly string[] = [
  'acr-private-endpoint',
  'sub-defender-for-containers',
  'aks-maintenance-window',
  'k8s-automount-sa-token',
  'k8s-secrets-via-csi',
  'k8s-workload-identity-label',
];

/** Kubernetes kinds that cross-file rules look up in other documents. */
const CROSS_FILE_KINDS = new Set(['ServiceAccount', 'RoleBinding', 'ClusterRoleBinding', 'SecretProviderClass']);

/** True when other files' cross-file rules may look at something in this document. */
export function sharedWithProject(m: DocumentModel): boolean {
  if (m.registries.length || m.privateEndpoints.length || m.pricings.length) return true;
  if (m.azure.length && maintenanceConfigurations([m]).length) return true;
  return m.k8s.some((o) => CROSS_FILE_KINDS.has(o.kind));
}
