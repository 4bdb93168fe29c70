import { isTrue, REGISTRY } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'acr-anonymous-pull-disabled',
  title: 'Anonymous pull is disabled on the registry',
  description:
    'With anonymous pull, anyone who can reach the registry can pull every image without credentials, and pulls cannot be attributed. CAF: a dedicated private registry reached with Entra identities. Absent means the service default: disabled.',
  recommendation: 'Set properties.anonymousPullEnabled / anonymous_pull_enabled to false (or remove it) and grant AcrPull to the identities that pull.',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'error',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    enabled: 'Registry {{name}} allows anonymous (unauthenticated) pull{{via}}.',
  },
  check: {
    containerRegistry(r, ctx) {
      const l = r.anonymousPull;
      if (l.state !== 'known' || !isTrue(l.value)) return;
      const fix = r.fix(REGISTRY.anonymousPull, l, false);
      ctx.report({ resource: r, lookup: l, messageId: 'enabled', data: { name: r.label, via: via(l) }, fix: fix && { title: 'Disable anonymous pull', intents: [fix] } });
    },
  },
});
