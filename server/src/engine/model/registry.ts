import { AzureResource, enabledDisabled, MinApiVersion, PropSpec, statusEnabled } from './azure';
import { eqi, Lookup } from './lookup';

/** Terraform converts "true"/"false" strings to booleans: read them as booleans. */
const tfBool = { fromTf: (v: unknown) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v) };

/**
 * First Microsoft.ContainerRegistry/registries API versions whose schema has a property a fix inserts
 * (PropSpec.minApiVersion); read as for CLUSTER_API_VERSIONS (bicep-types-az generated/containerregistry/
 * microsoft.containerregistry/<version>/types.md, @azure/arm-containerregistry models). Stable versions before
 * 2021-09-01: 2019-05-01, 2017-10-01. anonymousPullEnabled is not listed: its fix only edits a value already
 * written (it is not in 2023-07-01 and is in 2025-11-01, @azure/arm-containerregistry 11.0.0).
 */
export const REGISTRY_API_VERSIONS = {
  publicNetworkAccess: {
    ga: '2021-09-01',
    preview: '2019-12-01-preview',
    source: '@azure/arm-containerregistry 10.0.0 (2021-09-01) and 8.1.1 (registries 2019-12-01-preview) have publicNetworkAccess; 2019-05-01 and earlier previews not checked',
  },
  exportPolicy: {
    ga: '2021-09-01',
    source: 'bicep-types-az 2021-09-01 types.md has policies.exportPolicy; 2019-12-01-preview (@azure/arm-containerregistry 8.1.1) does not; later previews not checked',
  },
  networkRuleSet: {
    ga: '2017-10-01',
    source: 'bicep-types-az 2017-10-01 types.md has networkRuleSet.defaultAction, 2017-03-01 does not; 2017-06-01-preview not checked',
  },
  quarantinePolicy: {
    ga: '2019-05-01',
    source: 'bicep-types-az 2019-05-01 types.md has policies.quarantinePolicy, 2017-10-01 does not (no policies); previews before 2019-05-01 not checked',
  },
  networkRuleBypassOptions: {
    ga: '2021-09-01',
    preview: '2019-12-01-preview',
    source: 'bicep-types-az 2021-09-01 and 2019-12-01-preview types.md have networkRuleBypassOptions, 2019-05-01 does not; earlier previews not checked',
  },
} satisfies Record<string, MinApiVersion>;

/** Every setting of Microsoft.ContainerRegistry/registries / azurerm_container_registry the rules read. */
export const REGISTRY = {
  sku: { arm: ['sku', 'name'], tf: ['sku'] },
  /** Normalised: true = public network access enabled. */
  publicNetworkAccess: {
    arm: ['properties', 'publicNetworkAccess'],
    tf: ['public_network_access_enabled'],
    ...enabledDisabled,
    ...tfBool,
    minApiVersion: REGISTRY_API_VERSIONS.publicNetworkAccess,
  },
  networkDefaultAction: { arm: ['properties', 'networkRuleSet', 'defaultAction'], tf: ['network_rule_set', 'default_action'], minApiVersion: REGISTRY_API_VERSIONS.networkRuleSet },
  adminUser: { arm: ['properties', 'adminUserEnabled'], tf: ['admin_enabled'] },
  anonymousPull: { arm: ['properties', 'anonymousPullEnabled'], tf: ['anonymous_pull_enabled'] },
  /** Normalised: true = export allowed. */
  exportPolicy: {
    arm: ['properties', 'policies', 'exportPolicy', 'status'],
    tf: ['export_policy_enabled'],
    ...statusEnabled,
    ...tfBool,
    minApiVersion: REGISTRY_API_VERSIONS.exportPolicy,
  },
  networkRuleBypass: { arm: ['properties', 'networkRuleBypassOptions'], tf: ['network_rule_bypass_option'], minApiVersion: REGISTRY_API_VERSIONS.networkRuleBypassOptions },
  /** Normalised: true = quarantine enabled. */
  quarantine: { arm: ['properties', 'policies', 'quarantinePolicy', 'status'], tf: ['quarantine_policy_enabled'], ...statusEnabled, ...tfBool, minApiVersion: REGISTRY_API_VERSIONS.quarantinePolicy },
  /** Normalised: true = ARM-audience tokens allowed. */
  armAudienceTokens: { arm: ['properties', 'policies', 'azureADAuthenticationAsArmPolicy', 'status'], ...statusEnabled },
} satisfies Record<string, PropSpec>;

export class ContainerRegistry extends AzureResource {
  static readonly ARM_TYPE = 'microsoft.containerregistry/registries';
  static readonly TF_TYPE = 'azurerm_container_registry';

  get sku(): Lookup { return this.get(REGISTRY.sku); }
  get publicNetworkAccess(): Lookup { return this.get(REGISTRY.publicNetworkAccess); }
  get networkDefaultAction(): Lookup { return this.get(REGISTRY.networkDefaultAction); }
  get adminUser(): Lookup { return this.get(REGISTRY.adminUser); }
  get anonymousPull(): Lookup { return this.get(REGISTRY.anonymousPull); }
  get exportPolicy(): Lookup { return this.get(REGISTRY.exportPolicy); }
  get networkRuleBypass(): Lookup { return this.get(REGISTRY.networkRuleBypass); }
  get quarantine(): Lookup { return this.get(REGISTRY.quarantine); }
  get armAudienceTokens(): Lookup { return this.get(REGISTRY.armAudienceTokens); }

  /**
   * True when the SKU is Premium, false for another SKU, undefined when absent or unknown (an empty
   * string is a placeholder, e.g. a registry deployed only when a SKU is given: unknown too).
   */
  get isPremium(): boolean | undefined {
    const l = this.sku;
    return l.state === 'known' && typeof l.value === 'string' && l.value.trim() ? eqi(l.value, 'Premium') : undefined;
  }
  /**
   * True when the SKU is known and not Premium: the Premium-only settings (network rules, export policy,
   * quarantine, trust, retention, private endpoints) do not exist, so their rules defer to acr-premium-sku.
   */
  get premiumFeaturesUnavailable(): boolean {
    return this.isPremium === false;
  }
  /** The setting's name as this resource's format writes it, for messages. */
  settingName(spec: { arm?: string[]; tf?: string[] }): string {
    const p = this.isArm ? spec.arm?.filter((k, i) => i > 0 || k !== 'properties') : spec.tf;
    return p ? p.join('.') : '';
  }
  /** Public network access with the service default applied (absent ⇒ enabled); undefined when unknown. */
  get publicAccessEnabled(): boolean | undefined {
    const l = this.publicNetworkAccess;
    if (l.state === 'absent') return true;
    return l.state === 'known' && typeof l.value === 'boolean' ? l.value : undefined;
  }
  /** True when the firewall denies by default (absent ⇒ Allow); undefined when unknown. */
  get defaultDeny(): boolean | undefined {
    const l = this.networkDefaultAction;
    if (l.state === 'absent') return false;
    return l.state === 'known' && typeof l.value === 'string' ? eqi(l.value, 'Deny') : undefined;
  }
  /** Public access disabled, or a firewall that denies by default; undefined when that cannot be told. */
  get networkRestricted(): boolean | undefined {
    const pub = this.publicAccessEnabled;
    const deny = this.defaultDeny;
    if (pub === false || deny === true) return true;
    if (pub === true && deny === false) return false;
    return undefined;
  }
}
