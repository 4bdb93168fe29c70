import { parseImageRef } from '../model/image';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-image-pinned',
  title: 'Container images are pinned to a tag or digest',
  description:
    'An image without a tag, or tagged latest, changes under the workload: a restart or a new node can pull a different, unscanned image, and a rollback cannot return to what ran before. CAF: scan images for vulnerabilities and know what runs; a digest (@sha256:…) pins the exact scanned image.',
  recommendation: 'Reference every image by a version tag (contoso.azurecr.io/web:1.4.2) or, better, by digest (contoso.azurecr.io/web@sha256:…).',
  caf: 'seed 12: image vulnerability scanning (know which image runs)',
  severity: 'info',
  formats: ['k8s'],
  fixable: false,
  messages: {
    noTag: 'Container {{container}} of {{workload}} uses image {{image}} without a tag or digest: the runtime pulls latest.',
    latest: 'Container {{container}} of {{workload}} uses image {{image}} with the tag latest.',
  },
  check: {
    workload(w, ctx) {
      for (const c of w.containers) {
        const l = w.container(c, ['image']);
        if (l.state !== 'known' || typeof l.value !== 'string') continue;
        const ref = parseImageRef(l.value);
        if (!ref || ref.digest) continue;
        if (ref.tag === undefined) ctx.report({ resource: w, lookup: l, messageId: 'noTag', data: { container: c.name, workload: w.label, image: l.value } });
        else if (ref.tag === 'latest') ctx.report({ resource: w, lookup: l, messageId: 'latest', data: { container: c.name, workload: w.label, image: l.value } });
      }
    },
  },
});
