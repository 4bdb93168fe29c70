import type { Node } from '../documents';
import type { Fix } from '../fixes/intent';
import type { FileSource } from '../files';
import type { AzureResource, ContainerRegistry, DocumentModel, K8sObject, Lookup, ManagedCluster, Workload } from '../model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Format = 'arm' | 'tfjson' | 'tfplan' | 'k8s';

export interface EngineOptions {
  /** Target Kubernetes version "1.30": decides the spelling fixes write and which legacy forms count. */
  kubernetesVersion: string;
  /** Glob patterns of allowed registries for k8s-allowed-registry; empty: no finding. */
  allowedRegistries: string[];
  /** Per-rule level and options (configuration file, settings). */
  rules: Record<string, RuleSetting>;
  /** Today's date YYYY-MM-DD for suppression expiry (tests fix it); default: the current UTC date. */
  today?: string;
}

export interface RuleSetting {
  level?: Severity | 'off';
  /** Lowest severity a finding of this rule gets (the strict preset's "at least warning"); an explicit `level` wins. */
  minLevel?: Severity;
  options?: Record<string, unknown>;
  allowInlineSuppression?: boolean;
}

export const DEFAULT_OPTIONS: EngineOptions = { kubernetesVersion: '1.30', allowedRegistries: [], rules: {} };

/** Every document model in scope: the file in the editor, every scanned file in the CLI. */
export interface ProjectIndex {
  models: DocumentModel[];
  /**
   * Where other files are read (modules, variables files, Kustomize bases): the disk in the CLI, open buffers over the
   * disk in the editor. Absent: no other file is read.
   */
  files?: FileSource;
  /** Terraform: variable files given explicitly (CLI --var-file), applied after terraform.tfvars and *.auto.tfvars. */
  terraformVarFiles?: string[];
  /**
   * Folders that bound the search for files that use the analysed one (Kustomize overlays of a base): workspace
   * folders, the folders the CLI scans. Absent: the repository around the file (see kustomize/searchRootOf).
   */
  roots?: readonly string[];
  /**
   * Kustomization files found below each root, kept by a caller that knows when files are created or deleted (the
   * language server clears it on file-watcher events): the search is not repeated for every analysis.
   */
  kustomizeScans?: Map<string, string[]>;
  /**
   * How many documents the index stands for when `models` holds only those other files' rules can look at (a CLI
   * worker's index, projectScope.ts); absent: `models` is the whole project.
   */
  documentCount?: number;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** The node the finding points at; by default the lookup's node, or the resource's anchor for an absent setting. */
  node?: Node;
  lookup?: Lookup;
  /** The resource the finding is about (label, document, anchor). */
  resource?: AzureResource | K8sObject;
  /** Overrides the rule's default severity for this finding (e.g. Error for Unconfined, Information when unset). */
  severity?: Severity;
  /** The preferred fix ("Fix: <title>"). */
  fix?: Fix;
  /** Alternative fixes that are not safe to apply blindly. */
  suggestions?: Fix[];
}

export interface RuleContext {
  report(d: ReportDescriptor): void;
  readonly options: EngineOptions;
  /** This rule's options from configuration. */
  readonly ruleOptions: Record<string, unknown>;
  readonly project: ProjectIndex;
  readonly model: DocumentModel;
}

/** Visitors, as ESLint's `create(context)` returns: the engine calls the ones a rule defines. */
export interface RuleVisitors {
  managedCluster?(cluster: ManagedCluster, ctx: RuleContext): void;
  containerRegistry?(registry: ContainerRegistry, ctx: RuleContext): void;
  /** Every Azure resource (ARM or Terraform), whatever its type. */
  azureResource?(resource: AzureResource, ctx: RuleContext): void;
  k8sObject?(object: K8sObject, ctx: RuleContext): void;
  workload?(workload: Workload, ctx: RuleContext): void;
  document?(model: DocumentModel, ctx: RuleContext): void;
}

export interface RuleModule {
  /** Public id: file name, doc page name, suppression key. */
  id: string;
  title: string;
  /** Why it matters (hover, SARIF full description). */
  description: string;
  /** What to do (hover). */
  recommendation: string;
  /** The CAF recommendation it implements, e.g. "seed 1: private control plane or authorized IP ranges". */
  caf: string;
  severity: Severity;
  formats: Format[];
  messages: Record<string, string>;
  /** True when the rule offers a preferred fix in at least one format. */
  fixable: boolean;
  /** Pod Security Standards level the rule belongs to, used by the strict preset. */
  pss?: 'baseline' | 'restricted';
  check: RuleVisitors;
}

export function defineRule(rule: RuleModule): RuleModule {
  return rule;
}

/** Fills `{{name}}` placeholders. */
export function format(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}
