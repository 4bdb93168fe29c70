import * as nodePath from 'node:path';
import { fileOf, Node, ParsedDocument, ParsedFile } from '../documents';
import { terraformModule } from './tfModule';
import type { FileSource } from '../files';
import { collectArmResources } from './arm';
import { AzureResource } from './azure';
import { collectK8sObjects, K8sObject, Workload } from './k8s';
import { ContainerRegistry } from './registry';
import { ManagedCluster } from './managedCluster';
import { PrivateEndpoint } from './privateEndpoint';
import { SecurityPricing } from './pricing';
import { collectAzapiResources, collectTfJsonResources, collectTfPlanResources } from './terraform';
import { TfScope } from './tfScope';
import { collectBicepResources } from './bicepModules';

export * from './lookup';
export * from './azure';
export * from './arm';
export * from './terraform';
export * from './tfScope';
export * from './k8s';
export * from './managedCluster';
export * from './registry';
export * from './privateEndpoint';
export * from './pricing';
export { setBicepModuleCache, bicepModuleCache, registryCachePath, isInBicepCache } from './bicepModules';
export * from './capabilities';
export * from './provenance';

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
  /**
   * Module calls of this file that could not be followed: Terraform (registry/git source, no `terraform init`), Bicep
   * (a registry module not in the local module cache, a template spec, a missing file).
   */
  unresolvedModules?: Array<{ name: string; node: Node; reason?: 'not-restored' | 'template-spec' | 'not-found' }>;
}

/** What a model builder may consult beyond its own document: the other files of the project. */
export interface ModelContext {
  files?: FileSource;
  /** Terraform: variable files given explicitly (CLI --var-file), after terraform.tfvars and *.auto.tfvars. */
  varFiles?: string[];
  /** Bicep: the local module cache (the folder holding `br/`), where registry modules are read; default ~/.bicep. */
  bicepCache?: string;
}

export function buildDocumentModel(doc: ParsedDocument, context: ModelContext = {}): DocumentModel {
  const m: DocumentModel = { doc, azure: [], clusters: [], registries: [], privateEndpoints: [], pricings: [], k8s: [], workloads: [] };
  if (!doc.root || doc.errors.length) return m;
  switch (doc.kind) {
    case 'arm': {
      if (doc.syntax === 'bicep') {
        // Modules and .bicepparam read other files: only for a file on disk (tests and untitled: the file alone).
        const path = fileOf(doc)?.path;
        const dependsOn = new Map<string, string | undefined>();
        const ctx = context.files && path && nodePath.isAbsolute(path) ? { files: context.files, bicepCache: context.bicepCache, dependsOn } : undefined;
        const { resources, unresolved } = collectBicepResources(doc, path, ctx);
        for (const r of resources) m.azure.push(wrap(r.type, r));
        if (unresolved.length) m.unresolvedModules = unresolved;
        if (dependsOn.size) m.dependsOn = dependsOn;
        break;
      }
      for (const r of collectArmResources(doc)) m.azure.push(wrap(r.type, r));
      break;
    }
    case 'tfjson': {
      // A file on disk is one file of a module (its folder): see tfModule.ts. Otherwise (tests, untitled) the file alone.
      const path = fileOf(doc)?.path;
      if (context.files && path && nodePath.isAbsolute(path)) {
        const dependsOn = new Map<string, string | undefined>();
        const mod = terraformModule(doc, path, { files: context.files, dependsOn, varFiles: context.varFiles });
        for (const r of mod.resources) m.azure.push(wrap(r.type, r));
        for (const r of mod.arm) m.azure.push(wrap(r.type, r));
        if (mod.unresolvedCalls.length) m.unresolvedModules = mod.unresolvedCalls;
        if (dependsOn.size) m.dependsOn = dependsOn;
        break;
      }
      const scope = new TfScope(doc.root, doc.text);
      for (const r of collectTfJsonResources(doc, scope)) m.azure.push(wrap(r.type, r));
      for (const r of collectAzapiResources(doc, scope)) m.azure.push(wrap(r.type, r));
      break;
    }
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
