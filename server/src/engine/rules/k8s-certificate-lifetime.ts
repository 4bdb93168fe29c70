import { keyOf } from '../documents';
import { FixIntent } from '../fixes/intent';
import { defineRule } from './types';

const HOUR = 3600;
/** 90 days: the rotation period CAF gives as an example, and cert-manager's default duration. */
const MAX_DURATION = 2160 * HOUR;
const RENEW_BEFORE = 360 * HOUR;

export default defineRule({
  id: 'k8s-certificate-lifetime',
  title: 'cert-manager certificates live at most 90 days and renew ahead of expiry',
  description:
    'CAF asks for certificates to be rotated regularly (for example every 90 days). A cert-manager Certificate whose duration exceeds 2160h (90 days) rotates less often, and one without renewBefore leaves the renewal margin implicit. Absent duration means cert-manager\'s default, 2160h.',
  recommendation: 'Set spec.duration to 2160h or less (or leave it unset: the default is 2160h) and set spec.renewBefore (e.g. 360h, 15 days) or spec.renewBeforePercentage.',
  caf: 'seed 7: certificates rotated (e.g. every 90 days)',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  messages: {
    tooLong: 'Certificate {{name}} lives {{duration}} ({{days}} days), longer than 2160h (90 days).',
    invalidDuration: 'Certificate {{name}}: {{field}} {{value}} is not a Go duration (e.g. 2160h, 1440h30m; days are not a unit): cert-manager rejects it.',
    noRenewBefore: 'Certificate {{name}} does not set renewBefore: set when it renews (e.g. 360h before expiry).',
  },
  check: {
    k8sObject(o, ctx) {
      if (o.kind !== 'Certificate' || o.apiGroup !== 'cert-manager.io') return;
      const spec = o.get(['spec']);
      if (spec.state !== 'known' || spec.origin?.type !== 'object') return;
      const name = o.name || '(unnamed)';
      const duration = o.get(['spec', 'duration']);
      const renewBefore = o.get(['spec', 'renewBefore']);
      const renewSeconds = renewBefore.state === 'known' && typeof renewBefore.value === 'string' ? parseGoDuration(renewBefore.value) : undefined;
      let effective = MAX_DURATION;
      if (duration.state === 'known') {
        const seconds = typeof duration.value === 'string' ? parseGoDuration(duration.value) : undefined;
        if (seconds === undefined) {
          const fix = o.fix(duration, '2160h');
          ctx.report({ resource: o, lookup: duration, messageId: 'invalidDuration', data: { name, field: 'duration', value: JSON.stringify(duration.value) }, fix: fix && { title: 'Set duration: 2160h', intents: [fix] } });
        } else if (seconds > MAX_DURATION) {
          const intents: FixIntent[] = [];
          const d = o.fix(duration, '2160h');
          if (d) intents.push(d);
          // cert-manager rejects renewBefore >= duration: shorten a renewBefore the new duration would not exceed.
          const r = renewSeconds !== undefined && renewSeconds >= MAX_DURATION ? o.fix(renewBefore, '360h') : undefined;
          if (r) intents.push(r);
          ctx.report({
            resource: o, lookup: duration, messageId: 'tooLong',
            data: { name, duration: String(duration.value), days: Math.round((seconds / 86400) * 10) / 10 },
            fix: intents.length ? { title: r ? 'Set duration: 2160h and renewBefore: 360h' : 'Set duration: 2160h', intents } : undefined,
          });
        } else {
          effective = seconds;
        }
      }
      if (renewBefore.state === 'known') {
        if (renewSeconds === undefined) {
          const fix = o.fix(renewBefore, '360h');
          ctx.report({ resource: o, lookup: renewBefore, messageId: 'invalidDuration', data: { name, field: 'renewBefore', value: JSON.stringify(renewBefore.value) }, fix: fix && { title: 'Set renewBefore: 360h', intents: [fix] } });
        }
        return;
      }
      if (renewBefore.state === 'unknown' || o.get(['spec', 'renewBeforePercentage']).state !== 'absent') return;
      // 360h, or a third of a shorter certificate's life (cert-manager's own default margin), so that renewBefore < duration.
      const value = formatGoDuration(Math.min(RENEW_BEFORE, Math.floor(effective / 3)));
      const fix = o.fix(renewBefore, value);
      ctx.report({ resource: o, node: keyOf(spec.origin), messageId: 'noRenewBefore', data: { name }, fix: fix && { title: `Set renewBefore: ${value}`, intents: [fix] } });
    },
  },
});

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: HOUR };

/** Go's time.ParseDuration, in seconds: "2160h", "1h30m", "2160h0m0s", "1.5h"; "0" alone; no days. */
export function parseGoDuration(text: string): number | undefined {
  let s = text.trim();
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (!s) return undefined;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let total = 0;
  while (s) {
    const m = part.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    s = s.slice(m[0].length);
  }
  return sign * total;
}

/** Seconds as a short Go duration: 360h, 20m, 1h30m. */
export function formatGoDuration(seconds: number): string {
  const h = Math.floor(seconds / HOUR);
  const m = Math.floor((seconds % HOUR) / 60);
  const s = Math.floor(seconds % 60);
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return out || '0s';
}
