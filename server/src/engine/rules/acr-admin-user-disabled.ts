import { isTrue, REGISTRY } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'acr-admin-user-disabled',
  title: 'The registry admin user is disabled',
  description:
    'The admin user is a single shared credential with push and pull rights on the whole registry; it cannot be scoped or attributed. CAF: a dedicated private registry reached with Entra identities. Absent means disabled.',
  recommendation: 'Set properties.adminUserEnabled / admin_enabled to false (or remove it) and grant AcrPull to the cluster identity.',
  caf: 'seed 11: dedicated private Azure Container Registry',
  severity: 'error',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    enabled: 'Registry {{name}} enables the admin user{{via}}.',
  },
  check: {
    containerRegistry(r, ctx) {
      const l = r.adminUser;
      if (l.state !== 'known' || !isTrue(l.value)) return;
      const fix = r.fix(REGISTRY.adminUser, l, false);
      ctx.report({ resource: r, lookup: l, messageId: 'enabled', data: { name: r.label, via: via(l) }, fix: fix && { title: 'Disable the admin user', intents: [fix] } });
    },
  },
});
