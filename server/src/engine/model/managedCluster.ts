import { keyOf, Node } from '../documents';
import { FixIntent } from '../fixes/intent';
import { AzureResource, invertTf, MinApiVersion, PropSpec, stringBool } from './azure';
import { isPresent, isTrue, Lookup } from './lookup';

/**
 * First Microsoft.ContainerService/managedClusters API versions whose schema has a property a fix inserts
 * (PropSpec.minApiVersion). "Checked" = read in that version's schema: Azure/bicep-types-az
 * generated/containerservice/microsoft.containerservice/<version>/types.md (generated from azure-rest-api-specs),
 * or the @azure/arm-containerservice models of the package that targets that version. Where an earlier version was
 * not checked the entry is the earliest version seen to have it: a fix may ask for a newer version than needed,
 * never an older one. Preview versions are listed only where checked.
 */
export const CLUSTER_API_VERSIONS = {
  enablePrivateCluster: { ga: '2020-02-01', source: '@azure/arm-containerservice 11.0.0 (managedClusters 2020-02-01) has apiServerAccessProfile.enablePrivateCluster; versions before 2020-02-01 not checked' },
  disableRunCommand: { ga: '2021-08-01', source: 'bicep-types-az 2021-08-01 types.md has apiServerAccessProfile.disableRunCommand, 2021-07-01 does not' },
  disableLocalAccounts: { ga: '2021-03-01', source: 'bicep-types-az 2021-03-01 types.md has disableLocalAccounts, 2021-02-01 does not' },
  aadManagedAzureRbac: { ga: '2020-09-01', source: 'bicep-types-az 2020-09-01 types.md has aadProfile.managed and aadProfile.enableAzureRBAC; versions before 2020-09-01 not checked' },
  oidcIssuerProfile: { ga: '2022-09-01', source: 'bicep-types-az 2022-09-01 types.md has oidcIssuerProfile, 2022-07-01 does not' },
  workloadIdentity: {
    ga: '2023-02-01',
    preview: '2022-09-02-preview',
    source: 'bicep-types-az 2023-02-01 types.md has securityProfile.workloadIdentity, 2023-01-01 does not; @azure/arm-containerservice 17.2.0-beta.1 (2022-09-02-preview) has it, earlier previews not checked',
  },
  defender: { ga: '2022-06-01', source: 'bicep-types-az 2022-06-01 types.md has securityProfile.defender; 2022-04-01 (@azure/arm-containerservice 16.1.0) only securityProfile.azureDefender' },
  imageCleaner: { ga: '2023-02-01', source: 'bicep-types-az 2023-02-01 types.md has securityProfile.imageCleaner, 2023-01-01 does not; previews not checked' },
  nodeOsUpgradeChannel: { ga: '2023-06-01', source: 'bicep-types-az 2023-06-01 types.md has autoUpgradeProfile.nodeOSUpgradeChannel ("The default is NodeImage"), 2023-05-01 has upgradeChannel only; previews not checked' },
  upgradeChannel: { ga: '2020-11-01', source: 'bicep-types-az 2020-11-01 types.md has autoUpgradeProfile.upgradeChannel, 2020-09-01 has no autoUpgradeProfile; previews not checked' },
  /** Add-on names are keys of a free map (ManagedClusterPropertiesAddonProfiles): the schema gates only the map itself. */
  addonProfiles: { ga: '2018-03-31', source: 'bicep-types-az 2018-03-31 types.md has addonProfiles (a map of add-on name to profile), 2017-08-31 (the first managedClusters version) does not' },
} satisfies Record<string, MinApiVersion>;

/** Every setting of Microsoft.ContainerService/managedClusters / azurerm_kubernetes_cluster the rules read. */
export const CLUSTER = {
  privateCluster: { arm: ['properties', 'apiServerAccessProfile', 'enablePrivateCluster'], tf: ['private_cluster_enabled'], minApiVersion: CLUSTER_API_VERSIONS.enablePrivateCluster },
  authorizedIpRanges: {
    arm: ['properties', 'apiServerAccessProfile', 'authorizedIPRanges'],
    armLegacy: [['properties', 'apiServerAuthorizedIPRanges']],
    tf: ['api_server_access_profile', 'authorized_ip_ranges'],
    tf3: ['api_server_authorized_ip_ranges'],
  },
  /** Normalised: true = run command disabled (ARM disableRunCommand; Terraform run_command_enabled inverted). */
  runCommandDisabled: {
    arm: ['properties', 'apiServerAccessProfile', 'disableRunCommand'],
    tf: ['run_command_enabled'],
    ...invertTf,
    minApiVersion: CLUSTER_API_VERSIONS.disableRunCommand,
  },
  /** The Entra ID integration block; azurerm < 2.99 nested it in `role_based_access_control { azure_active_directory {} }`. */
  aadProfile: {
    arm: ['properties', 'aadProfile'],
    tf: ['azure_active_directory_role_based_access_control'],
    tfLegacy: [['role_based_access_control', 'azure_active_directory']],
  },
  aadManaged: {
    arm: ['properties', 'aadProfile', 'managed'],
    tf3: ['azure_active_directory_role_based_access_control', 'managed'],
    tfLegacy: [['role_based_access_control', 'azure_active_directory', 'managed']],
    minApiVersion: CLUSTER_API_VERSIONS.aadManagedAzureRbac,
  },
  /** Legacy (deprecated) Entra ID integration with your own server/client app registrations. */
  aadServerAppId: {
    arm: ['properties', 'aadProfile', 'serverAppID'],
    tf3: ['azure_active_directory_role_based_access_control', 'server_app_id'],
    tfLegacy: [['role_based_access_control', 'azure_active_directory', 'server_app_id']],
  },
  aadClientAppId: {
    arm: ['properties', 'aadProfile', 'clientAppID'],
    tf3: ['azure_active_directory_role_based_access_control', 'client_app_id'],
    tfLegacy: [['role_based_access_control', 'azure_active_directory', 'client_app_id']],
  },
  azureRbac: {
    arm: ['properties', 'aadProfile', 'enableAzureRBAC'],
    tf: ['azure_active_directory_role_based_access_control', 'azure_rbac_enabled'],
    tfLegacy: [['role_based_access_control', 'azure_active_directory', 'azure_rbac_enabled']],
    minApiVersion: CLUSTER_API_VERSIONS.aadManagedAzureRbac,
  },
  disableLocalAccounts: { arm: ['properties', 'disableLocalAccounts'], tf: ['local_account_disabled'], minApiVersion: CLUSTER_API_VERSIONS.disableLocalAccounts },
  kubernetesRbac: { arm: ['properties', 'enableRBAC'], tf: ['role_based_access_control_enabled'], tfLegacy: [['role_based_access_control', 'enabled']] },
  workloadIdentity: {
    arm: ['properties', 'securityProfile', 'workloadIdentity', 'enabled'],
    tf: ['workload_identity_enabled'],
    minApiVersion: CLUSTER_API_VERSIONS.workloadIdentity,
  },
  oidcIssuer: { arm: ['properties', 'oidcIssuerProfile', 'enabled'], tf: ['oidc_issuer_enabled'], minApiVersion: CLUSTER_API_VERSIONS.oidcIssuerProfile },
  podIdentity: { arm: ['properties', 'podIdentityProfile', 'enabled'] },
  keyVaultSecretsProvider: { arm: ['properties', 'addonProfiles', 'azureKeyvaultSecretsProvider', 'enabled'], tf: ['key_vault_secrets_provider'], minApiVersion: CLUSTER_API_VERSIONS.addonProfiles },
  secretRotation: {
    arm: ['properties', 'addonProfiles', 'azureKeyvaultSecretsProvider', 'config', 'enableSecretRotation'],
    tf: ['key_vault_secrets_provider', 'secret_rotation_enabled'],
    ...stringBool,
    minApiVersion: CLUSTER_API_VERSIONS.addonProfiles,
  },
  nodeOsUpgradeChannel: {
    arm: ['properties', 'autoUpgradeProfile', 'nodeOSUpgradeChannel'], tf3: ['node_os_channel_upgrade'], tf4: ['node_os_upgrade_channel'],
    minApiVersion: CLUSTER_API_VERSIONS.nodeOsUpgradeChannel,
  },
  upgradeChannel: {
    arm: ['properties', 'autoUpgradeProfile', 'upgradeChannel'], tf3: ['automatic_channel_upgrade'], tf4: ['automatic_upgrade_channel'],
    minApiVersion: CLUSTER_API_VERSIONS.upgradeChannel,
  },
  maintenanceAutoUpgrade: { tf: ['maintenance_window_auto_upgrade'] },
  maintenanceNodeOs: { tf: ['maintenance_window_node_os'] },
  azurePolicy: {
    arm: ['properties', 'addonProfiles', 'azurepolicy', 'enabled'],
    tf: ['azure_policy_enabled'],
    tfLegacy: [['addon_profile', 'azure_policy', 'enabled']],
    minApiVersion: CLUSTER_API_VERSIONS.addonProfiles,
  },
  /** Preview API versions of 2021-2022 spelled the profile `securityProfile.azureDefender { enabled, logAnalyticsWorkspaceResourceId }`. */
  defenderMonitoring: {
    arm: ['properties', 'securityProfile', 'defender', 'securityMonitoring', 'enabled'],
    armLegacy: [['properties', 'securityProfile', 'azureDefender', 'enabled']],
    tf: ['microsoft_defender'],
    minApiVersion: CLUSTER_API_VERSIONS.defender,
  },
  defenderWorkspace: {
    arm: ['properties', 'securityProfile', 'defender', 'logAnalyticsWorkspaceResourceId'],
    armLegacy: [['properties', 'securityProfile', 'azureDefender', 'logAnalyticsWorkspaceResourceId']],
    tf: ['microsoft_defender', 'log_analytics_workspace_id'],
    minApiVersion: CLUSTER_API_VERSIONS.defender,
  },
  imageCleaner: { arm: ['properties', 'securityProfile', 'imageCleaner', 'enabled'], tf: ['image_cleaner_enabled'], minApiVersion: CLUSTER_API_VERSIONS.imageCleaner },
  networkPolicy: { arm: ['properties', 'networkProfile', 'networkPolicy'], tf: ['network_profile', 'network_policy'] },
  /** `none` = bring your own CNI. */
  networkPlugin: { arm: ['properties', 'networkProfile', 'networkPlugin'], tf: ['network_profile', 'network_plugin'] },
  /** Azure CNI powered by Cilium enforces network policies itself (preview ARM `ebpfDataplane`, azurerm v3 `ebpf_data_plane`). */
  networkDataplane: {
    arm: ['properties', 'networkProfile', 'networkDataplane'],
    armLegacy: [['properties', 'networkProfile', 'ebpfDataplane']],
    tf: ['network_profile', 'network_data_plane'],
    tfLegacy: [['network_profile', 'ebpf_data_plane']],
  },
} satisfies Record<string, PropSpec>;

/** Whether the API server has a public endpoint: private only when the private flag is known true. */
export type ApiServerExposure = 'public' | 'private' | 'unknown';

/**
 * The authorized IP ranges of the public API server, one answer for every rule that reads them (issue 16):
 * - `none`: no restriction: absent, `null` (also a parameter nobody passes, see ArmScope), an empty list, or a list
 *   whose only entries are known to be null or empty;
 * - `open`: a list that admits 0.0.0.0/0 (every IPv4 address);
 * - `restricted`: a known, non-empty list without 0.0.0.0/0 (an entry may be an expression: the list still restricts);
 * - `unknown`: an expression, a plan value known only after apply, a Terraform `dynamic` block, or not a list.
 * `lookup` is the setting as read (for placement and wording); `lists` every spelling written as a known list (a plan
 * of azurerm v3 may carry the deprecated top-level list beside the nested one).
 */
export type AuthorizedRanges =
  | { state: 'unknown'; lookup: Lookup; lists: Lookup[] }
  | { state: 'none'; lookup: Lookup; lists: Lookup[] }
  | { state: 'open'; lookup: Lookup; lists: Lookup[] }
  | { state: 'restricted'; lookup: Lookup; lists: Lookup[] };

export const OPEN_RANGE = '0.0.0.0/0';
const isOpenRange = (l: Lookup) => l.state === 'known' && typeof l.value === 'string' && l.value.trim() === OPEN_RANGE;

export class ManagedCluster extends AzureResource {
  static readonly ARM_TYPE = 'microsoft.containerservice/managedclusters';
  static readonly TF_TYPE = 'azurerm_kubernetes_cluster';

  /**
   * Terraform JSON: a setting inside a block that a `dynamic` block generates is unknown, not absent.
   * ARM exports write an unset profile as a literal `null` (`"apiServerAccessProfile": null`): a setting
   * below it is absent (the service default), not unknown; the fix replaces the `null`. Only literal
   * nulls written in the resource itself: a parameter or expression that yields null stays unknown.
   */
  override raw(path: string[]): Lookup {
    const l = super.raw(path);
    // Terraform: a block generated by `dynamic "<block>"` (e.g. api_server_access_profile, network_profile) is unknown.
    if (this.format === 'tfjson' && l.state === 'absent' && path[0] !== 'dynamic' && super.raw(['dynamic', path[0]]).state !== 'absent') {
      return { state: 'unknown' };
    }
    if (!this.isArm || l.state !== 'unknown' || l.node?.type !== 'null' || !within(l.node, this.node)) return l;
    const key = keyOf(l.node);
    const holder = key?.parent?.parent;
    const i = path.findIndex((p) => typeof key?.value === 'string' && p.toLowerCase() === key.value.toLowerCase());
    if (!holder || i < 0) return l;
    return { state: 'absent', parent: holder, missing: path.slice(i) };
  }

  get privateCluster(): Lookup { return this.get(CLUSTER.privateCluster); }
  get authorizedIpRanges(): Lookup { return this.get(CLUSTER.authorizedIpRanges); }
  get runCommandDisabled(): Lookup { return this.get(CLUSTER.runCommandDisabled); }
  get aadProfile(): Lookup { return this.get(CLUSTER.aadProfile); }
  get aadManaged(): Lookup { return this.get(CLUSTER.aadManaged); }
  get aadServerAppId(): Lookup { return this.get(CLUSTER.aadServerAppId); }
  get aadClientAppId(): Lookup { return this.get(CLUSTER.aadClientAppId); }
  get azureRbac(): Lookup { return this.get(CLUSTER.azureRbac); }
  get disableLocalAccounts(): Lookup { return this.get(CLUSTER.disableLocalAccounts); }
  get kubernetesRbac(): Lookup { return this.get(CLUSTER.kubernetesRbac); }
  get workloadIdentity(): Lookup { return this.get(CLUSTER.workloadIdentity); }
  get oidcIssuer(): Lookup { return this.get(CLUSTER.oidcIssuer); }
  get podIdentity(): Lookup { return this.get(CLUSTER.podIdentity); }
  get keyVaultSecretsProvider(): Lookup { return this.get(CLUSTER.keyVaultSecretsProvider); }
  get secretRotation(): Lookup { return this.get(CLUSTER.secretRotation); }
  get nodeOsUpgradeChannel(): Lookup { return this.get(CLUSTER.nodeOsUpgradeChannel); }
  get upgradeChannel(): Lookup { return this.get(CLUSTER.upgradeChannel); }
  get azurePolicy(): Lookup { return this.get(CLUSTER.azurePolicy); }
  get defenderMonitoring(): Lookup { return this.get(CLUSTER.defenderMonitoring); }
  get defenderWorkspace(): Lookup { return this.get(CLUSTER.defenderWorkspace); }
  get imageCleaner(): Lookup { return this.get(CLUSTER.imageCleaner); }
  get networkPolicy(): Lookup { return this.get(CLUSTER.networkPolicy); }
  get networkDataplane(): Lookup { return this.get(CLUSTER.networkDataplane); }
  get networkPlugin(): Lookup { return this.get(CLUSTER.networkPlugin); }

  /** Public, private or unknown (an expression for the private flag): what every API-server rule starts from. */
  get apiServerExposure(): ApiServerExposure {
    const l = this.privateCluster;
    if (l.state === 'unknown') return 'unknown';
    return l.state === 'known' && isTrue(l.value) ? 'private' : 'public';
  }

  /** The one reading of the authorized IP ranges (see AuthorizedRanges). */
  get authorizedRanges(): AuthorizedRanges {
    return (this.rangesCache ??= this.readAuthorizedRanges());
  }
  private rangesCache?: AuthorizedRanges;

  private readAuthorizedRanges(): AuthorizedRanges {
    const lookup = this.authorizedIpRanges;
    const lists = this.paths(CLUSTER.authorizedIpRanges).map((p) => this.raw(p)).filter((l) => l.state === 'known' && Array.isArray(l.value));
    if (lookup.state === 'unknown') return { state: 'unknown', lookup, lists };
    if (lookup.state === 'absent' || lookup.value === null) return { state: 'none', lookup, lists };
    if (!Array.isArray(lookup.value)) return { state: 'unknown', lookup, lists };
    const elements = this.elements(lookup);
    if (elements.some(isOpenRange)) return { state: 'open', lookup, lists };
    // Entries known to be null or "" restrict nothing; an unknown entry is still an entry.
    const entries = elements.filter((e) => !(e.state === 'absent' || (e.state === 'known' && (e.value === null || (typeof e.value === 'string' && !e.value.trim())))));
    return { state: entries.length ? 'restricted' : 'none', lookup, lists };
  }

  /** The path of the Entra ID integration block as written (ARM, azurerm v3/v4 or 2.x spelling); undefined when absent. */
  get aadBlockPath(): string[] | undefined {
    for (const p of this.paths(CLUSTER.aadProfile)) {
      const l = this.raw(p);
      if (l.state === 'unknown' || isPresent(l)) return p;
    }
    return undefined;
  }

  /**
   * A fix making the setting `spec` (e.g. CLUSTER.aadManaged) hold `value` inside the Entra ID block the file already has.
   * `newer`: as for fix() (the ARM insert is gated by spec.minApiVersion).
   */
  fixInAadBlock(spec: PropSpec, value: unknown, newer?: string[]): FixIntent | undefined {
    const base = this.aadBlockPath;
    const key = this.paths(spec)[0]?.slice(-1)[0];
    if (!base || !key) return undefined;
    const path = [...base, key];
    return this.fix({ arm: path, tf: path, minApiVersion: spec.minApiVersion }, this.raw(path), value, newer);
  }

  /**
   * A fix adding the Entra ID block where this file's provider expects it (azurerm 2.x: inside `role_based_access_control`).
   * The ARM block written holds `managed` and `enableAzureRBAC`: gated by their first API version (`newer` as for fix()).
   */
  fixAddAadBlock(value: unknown, newer?: string[]): FixIntent | undefined {
    const legacyRbac = this.isTerraform && isPresent(this.raw(['role_based_access_control']));
    const path = legacyRbac ? ['role_based_access_control', 'azure_active_directory'] : this.paths(CLUSTER.aadProfile)[0];
    return this.fix({ arm: path, tf: path, minApiVersion: CLUSTER_API_VERSIONS.aadManagedAzureRbac }, this.raw(path), value, newer);
  }
}

function within(node: Node, ancestor: Node): boolean {
  for (let n: Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}
