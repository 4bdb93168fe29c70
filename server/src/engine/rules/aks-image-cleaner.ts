import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { via } from '../util';
import { missingAnchor } from '../model/clusterSettings';

export default defineRule({
  id: 'aks-image-cleaner',
  title: 'Image Cleaner removes unused images from nodes',
  description:
    'Images that no running pod uses stay on the nodes, with their vulnerabilities, until the node is reimaged. Image Cleaner (Eraser) removes unused images that vulnerability scanning flags. CAF: address image vulnerabilities.',
  recommendation:
    'ARM: set properties.securityProfile.imageCleaner.enabled to true (intervalHours sets the scan interval). Terraform: image_cleaner_enabled = true, with image_cleaner_interval_hours (24-2160).',
  caf: 'seed 12: image vulnerability scanning and related considerations',
  severity: 'info',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} does not enable Image Cleaner ({{setting}} is not set): unused, possibly vulnerable images stay on the nodes.',
    disabled: 'Cluster {{name}} disables Image Cleaner{{via}}: unused, possibly vulnerable images stay on the nodes.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.imageCleaner;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const { fix: gatedFix, suggestions } = c.fixWithinApiVersion('Enable Image Cleaner', (newer) => [c.fix(CLUSTER.imageCleaner, l, true, newer)]);
      const absent = l.state === 'absent';
      ctx.report({
        resource: c,
        lookup: l,
        node: absent ? missingAnchor(c, l) : undefined,
        messageId: absent ? 'missing' : 'disabled',
        data: { name: c.label, via: via(l), setting: c.isArm ? 'securityProfile.imageCleaner.enabled' : 'image_cleaner_enabled' },
        fix: gatedFix, suggestions,
      });
    },
  },
});
