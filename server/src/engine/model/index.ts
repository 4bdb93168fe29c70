import { ParsedDocument, ParsedFile } from '../documents';
import type { FileSource } from '../files';
import { collectArmResources } from './arm';
import { AzureResource } from './azure';
import { collectK8sObjects, K8sObject, Workload } from './k8s';
import { ContainerRegistry } from './registry';
import { ManagedCluster } from './managedCluster';
import { PrivateEndpoint } from './privateEndpoint';
import { SecurityPricing } from './pricing';
import { collectTfJsonResources, collectTfPlanResources } from './terraform';

export * from './lookup';
export * from './azure';
export * from './arm';
export * from './terraform';
export * from './k8s';
export * from './managedCluster';
export * from './registry';
export * from './privateEndpoint';
export * from './pricing';
export * from './capabilities';

/** The typed view of one document: what the rules visit. */
export interface DocumentModel {
  doc: ParsedDocument;
  azure: AzureResource[];
  clusters: ManagedCluster[];
  registries: ContainerRegistry[];
  /** Microsoft.Network/privateEndpoints / azurerm_private_endpoint. */
  privateEndpoints: PrivateEndpoint[];
  /** Microsoft.Security/pricings / azurerm_security_center_subscription_pricing (Defender plans). */
  pricings: SecurityPricing[];
  k8s: K8sObject[];
  workloads: Workload[];
  /**
   * Other files this model was built from (path -> the text read, undefined when missing): a cached model is rebuilt
   * when one of them reads differently, and its rule results are never cached across analyses.
   */
  dependsOn?: Map<string, string | undefined>;
}

/** What a model builder may consult beyond its own document: the other files of the project. */
export interface ModelContext {
  files?: FileSource;
}

export function buildDocumentModel(doc: ParsedDocument, _context: ModelContext = {}): DocumentModel {
  const m: DocumentModel = { doc, azure: [], clusters: [], registries: [], privateEndpoints: [], pricings: [], k8s: [], workloads: [] };
  if (!doc.root || doc.errors.length) return m;
  switch (doc.kind) {
    case 'arm':
      for (const r of collectArmResources(doc)) m.azure.push(wrap(r.type, r));
      break;
    case 'tfjson':
      for (const r of collectTfJsonResources(doc)) m.azure.push(wrap(r.type, r));
      break;
    case 'tfplan':
      for (const r of collectTfPlanResources(doc)) m.azure.push(wrap(r.type, r));
      break;
    case 'k8s':
      m.k8s = collectK8sObjects(doc);
      m.workloads = m.k8s.filter((o): o is Workload => o instanceof Workload);
      break;
  }
  for (const r of m.azure) {
    if (r instanceof ManagedCluster) m.clusters.push(r);
    else if (r instanceof ContainerRegistry) m.registries.push(r);
    else if (r instanceof PrivateEndpoint) m.privateEndpoints.push(r);
    else if (r instanceof SecurityPricing) m.pricings.push(r);
  }
  return m;
}

function wrap(type: string, r: ConstructorParameters<typeof AzureResource>[0]): AzureResource {
  const t = type.toLowerCase();
  if (t === ManagedCluster.ARM_TYPE || t === ManagedCluster.TF_TYPE) return new ManagedCluster(r);
  if (t === ContainerRegistry.ARM_TYPE || t === ContainerRegistry.TF_TYPE) return new ContainerRegistry(r);
  if (t === PrivateEndpoint.ARM_TYPE || t === PrivateEndpoint.TF_TYPE) return new PrivateEndpoint(r);
  if (t === SecurityPricing.ARM_TYPE || t === SecurityPricing.TF_TYPE) return new SecurityPricing(r);
  return new AzureResource(r);
}

export function buildFileModel(file: ParsedFile): DocumentModel[] {
  return file.documents.map((d) => buildDocumentModel(d));
}
