import { AzureResource, PLAN } from '../model';
import { defineRule } from './types';
import { via } from '../util';

/** Resources that are (or attach to) virtual machines Defender for Servers would protect; AKS node pools are not among them. */
const ARM_VM = [/^microsoft\.compute\/virtualmachine/, /^microsoft\.hybridcompute\/machines/, /^microsoft\.classiccompute\/virtualmachines/, /^microsoft\.devtestlab\/labs\/virtualmachines/, /^microsoft\.sqlvirtualmachine\//, /^microsoft\.scvmm\/virtualmachines/, /^microsoft\.azurestackhci\/virtualmachine/];
const TF_VM = [/virtual_machine/, /^azurerm_arc_machine/, /^azurerm_hybrid_compute_machine/];

function isVmLike(r: AzureResource): boolean {
  const t = r.type.toLowerCase();
  return (r.isArm ? ARM_VM : TF_VM).some((re) => re.test(t));
}

export default defineRule({
  id: 'sub-defender-servers-cost',
  title: 'Defender for Servers in an AKS-only template is a cost decision',
  description:
    'Defender for Servers (the VirtualMachines plan) is billed per machine of the subscription. A template that deploys AKS clusters and no virtual machines is protected by Defender for Containers; enabling Defender for Servers from it is a cost consideration to review, not a security finding. Supplementary, hence a Hint.',
  recommendation: 'Confirm the subscription needs Defender for Servers (virtual machines outside AKS); the Containers plan covers the clusters.',
  caf: 'seed 12: image vulnerability scanning and related considerations',
  severity: 'hint',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: false,
  messages: {
    servers:
      'Defender for Servers (VirtualMachines, Standard{{via}}) is enabled by a template that deploys AKS clusters and no virtual machines: it is billed per machine of the subscription; the clusters are covered by Defender for Containers.',
  },
  check: {
    document(model, ctx) {
      if (!model.clusters.length || model.azure.some(isVmLike)) return;
      for (const p of model.pricings) {
        if (p.isPlan(PLAN.servers) !== 'yes' || p.isStandard !== true) continue;
        const l = p.tier;
        ctx.report({ resource: p, lookup: l, messageId: 'servers', data: { via: via(l) } });
      }
    },
  },
});
