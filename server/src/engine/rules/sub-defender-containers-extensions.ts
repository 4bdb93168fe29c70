import { child, keyOf } from '../documents';
import { PLAN, PRICING_EXTENSIONS_API } from '../model';
import { apiVersionAtLeast } from '../util';
import { defineRule } from './types';

const VULNERABILITY_ASSESSMENT = 'ContainerRegistriesVulnerabilityAssessments';

export default defineRule({
  id: 'sub-defender-containers-extensions',
  title: 'Defender for Containers scans registry images',
  description:
    'CAF: scan container images for vulnerabilities. In Defender for Containers, registry image scanning is the ContainerRegistriesVulnerabilityAssessments extension of the Containers pricing. Terraform enables only the extensions it lists ("If an extension is not defined, it will not be enabled"); in ARM the template states it explicitly with isEnabled "True" (a string). ARM pricings take extensions from API version 2023-01-01.',
  recommendation:
    'Add {"name": "ContainerRegistriesVulnerabilityAssessments", "isEnabled": "True"} to properties.extensions (API 2023-01-01 or later) / an extension { name = "ContainerRegistriesVulnerabilityAssessments" } block.',
  caf: 'seed 12: image vulnerability scanning',
  severity: 'info',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Defender for Containers pricing {{name}} does not enable registry image scanning ({{extension}}).',
    disabled: 'Defender for Containers pricing {{name}} disables registry image scanning ({{extension}} isEnabled {{value}}).',
    oldApi: 'Defender for Containers pricing {{name}} uses API version {{apiVersion}}, which cannot enable registry image scanning ({{extension}}): use 2023-01-01 or later.',
  },
  check: {
    document(model, ctx) {
      for (const p of model.pricings) {
        // A Free plan is reported by sub-defender-for-containers; its extensions do not run anyway.
        if (p.isPlan(PLAN.containers) !== 'yes' || p.isStandard === false) continue;
        const st = p.extensionState(VULNERABILITY_ASSESSMENT);
        if (st.state === 'enabled' || st.state === 'unknown') continue;
        const data = { name: p.label, extension: VULNERABILITY_ASSESSMENT, apiVersion: p.apiVersion ?? '', value: String(st.element?.isEnabled.value ?? '') };
        if (p.isArm && st.state === 'missing' && apiVersionAtLeast(p.apiVersion, PRICING_EXTENSIONS_API) === false) {
          ctx.report({ resource: p, node: child(p.node, 'apiVersion', true) ?? p.planAnchor, messageId: 'oldApi', data });
          continue;
        }
        const intent = p.fixEnableExtension(VULNERABILITY_ASSESSMENT);
        const list = p.extensionList;
        const node = st.state === 'disabled' ? st.element?.isEnabled.node : list.state === 'known' ? keyOf(list.node) ?? list.node : undefined;
        ctx.report({
          resource: p,
          lookup: st.state === 'missing' && list.state === 'absent' ? list : undefined,
          node,
          messageId: st.state === 'disabled' ? 'disabled' : 'missing',
          data,
          fix: intent && { title: 'Enable registry image scanning (ContainerRegistriesVulnerabilityAssessments)', intents: [intent] },
        });
      }
    },
  },
});
